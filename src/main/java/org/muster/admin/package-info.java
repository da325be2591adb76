/**
 * Staff roles. The first coordinators come from configuration ({@code muster.coordinators}), so a
 * fresh installation has someone who may run recruitment; they grant and revoke the coordinator
 * role to others with {@code /grant}. Every change is audited.
 */
package org.muster.admin;
