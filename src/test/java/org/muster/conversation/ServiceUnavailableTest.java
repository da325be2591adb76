package org.muster.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

class ServiceUnavailableTest {

    @Test
    void aConnectionThatBrokeInsideATransactionIsAnOutageThoughTheRollbackFailedToo() {
        // what TransactionTemplate throws when the statement and then the rollback met a closed connection
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new DataAccessResourceFailureException("An I/O error occurred while sending to the backend."));

        assertThat(ServiceUnavailable.isOutage(rollbackFailed)).isTrue();
    }

    @Test
    void aRollbackThatFailedAfterABugIsNoOutage() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new IllegalStateException("a bug"));

        assertThat(ServiceUnavailable.isOutage(rollbackFailed)).isFalse();
        assertThat(ServiceUnavailable.isOutage(new IllegalStateException("a bug"))).isFalse();
        assertThat(ServiceUnavailable.isOutage(new SQLException("refused", "08001"))).isTrue();
    }

    @Test
    void aCommitWhoseConnectionBrokeAndWhoseRollbackFoundItClosedIsAnOutage() {
        // what JdbcTransactionManager throws then: the commit's failure is only logged, the rollback's thrown
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));

        assertThat(ServiceUnavailable.isOutage(rollbackFailed)).isTrue();
        assertThat(ServiceUnavailable.isOutage(new SQLException("Connection is closing"))).isFalse();
    }
}
