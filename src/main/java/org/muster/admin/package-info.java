/**
 * Staff roles. The first coordinators come from configuration ({@code muster.coordinators}), so a
 * fresh installation has someone who may run recruitment and grant roles.
 */
package org.muster.admin;
