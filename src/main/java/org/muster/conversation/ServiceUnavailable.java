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
     * tried again, and a periodic job says so in one line. For Redis that includes a failover in
     * progress: a {@code JedisCluster} that ran out of attempts says so with a
     * {@code JedisClusterOperationException} (the connection failures only suppressed in it), a cluster
     * without a primary for the slot answers {@code CLUSTERDOWN}, and a primary just demoted or still
     * loading answers {@code READONLY}, {@code MASTERDOWN} or {@code LOADING}. A connection that broke
     * inside a transaction fails the rollback too, and Spring then throws the rollback's failure with
     * the original one kept aside: that one decides.
     */
    public static boolean isOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.transaction.TransactionSystemException overridden
                    && overridden.getApplicationException() != null) {
                // the rollback failed after what the transaction threw: that decides
                return isOutage(overridden.getApplicationException());
            }
            if (t instanceof ServiceUnavailable
                    || t instanceof redis.clients.jedis.exceptions.JedisConnectionException
                    || isClusterOutOfAttempts(t)
                    || t instanceof redis.clients.jedis.exceptions.JedisClusterException
                    || isRedisFailingOver(t)
                    || t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof org.springframework.transaction.CannotCreateTransactionException
                    || t instanceof org.springframework.dao.TransientDataAccessResourceException
                    || t instanceof java.net.ConnectException
                    || (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
                    // Hikari's answer on a connection it closed under a transaction (no SQL state): a rollback
                    // after a commit whose connection broke
                    || (t instanceof java.sql.SQLException && "Connection is closed".equals(t.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    /** Not the same exception for keys of different slots, which is a bug and must not be tried for ever. */
    private static boolean isClusterOutOfAttempts(Throwable t) {
        if (!(t instanceof redis.clients.jedis.exceptions.JedisClusterOperationException)) {
            return false;
        }
        String message = String.valueOf(t.getMessage());
        return message.startsWith("No more cluster attempts left") || message.startsWith("Cluster retry deadline exceeded");
    }

    private static boolean isRedisFailingOver(Throwable t) {
        if (!(t instanceof redis.clients.jedis.exceptions.JedisDataException) || t.getMessage() == null) {
            return false;
        }
        String message = t.getMessage();
        return message.startsWith("READONLY") || message.startsWith("MASTERDOWN") || message.startsWith("LOADING")
                || message.startsWith("TRYAGAIN");
    }
}
