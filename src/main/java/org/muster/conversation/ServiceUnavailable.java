package org.muster.conversation;

/**
 * An update could not be handled because a server Muster needs (Redis, PostgreSQL) is out of reach,
 * or another instance still holds it: nothing of it was done, and it is to be handled again later,
 * after its chat's earlier updates and before its later ones.
 */
public final class ServiceUnavailable extends RuntimeException {

    public ServiceUnavailable(String what, Throwable cause) {
        super(what, cause, false, false);
    }

    /**
     * Whether the failure is a server out of reach (rather than a bug): then the update waits and is
     * tried again, and a periodic job says so in one line. A connection that broke inside a
     * transaction fails the rollback too, and Spring then throws the rollback's failure with the
     * original one kept aside: that one decides.
     */
    public static boolean isOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.transaction.TransactionSystemException overridden
                    && overridden.getApplicationException() != null && isOutage(overridden.getApplicationException())) {
                return true;
            }
            if (t instanceof ServiceUnavailable
                    || t instanceof redis.clients.jedis.exceptions.JedisConnectionException
                    || t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof org.springframework.transaction.CannotCreateTransactionException
                    || t instanceof org.springframework.dao.TransientDataAccessResourceException
                    || t instanceof java.net.ConnectException
                    || (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
