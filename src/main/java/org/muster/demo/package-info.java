/**
 * The sandbox's demo scene: a coordinator, two teams with leaders, three subscribed groups, a dozen
 * volunteers (some signed up, some not) and calls to answer, check in to and report hours for, so
 * that a newcomer sees Muster work within a minute. Loaded by the page's "demo" button or by
 * {@code muster.sandbox.demo=true}; sandbox mode only.
 */
package org.muster.demo;
