package org.muster.conversation;

import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.muster.audit.AuditLog;
import org.muster.support.Fixtures;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/**
 * A flow engine for tests of other packages' flows: real Redis, the given flows, effects applied by
 * the given handlers, roles now as the given function says, refusals audited in the transactions' database.
 */
public final class FlowEngineTestAccess {

    private FlowEngineTestAccess() {
    }

    public static FlowEngine engine(UnifiedJedis redis, List<Flow<?>> flows, TransactionTemplate transactions,
                                    EffectHandler<?>... handlers) {
        return engine(redis, flows, transactions, user -> Set.of(), handlers);
    }

    public static FlowEngine engine(UnifiedJedis redis, List<Flow<?>> flows, TransactionTemplate transactions,
                                    LongFunction<Set<Role>> rolesNow, EffectHandler<?>... handlers) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        for (int i = 0; i < handlers.length; i++) {
            beans.addBean("handler" + i, handlers[i]);
        }
        JsonMapper json = JsonMapper.builder().build();
        DataSource dataSource = ((DataSourceTransactionManager) transactions.getTransactionManager()).getDataSource();
        return new FlowEngine(new ConversationStore(redis, json), flows,
                beans.getBeanProvider(ResolvableType.forClass(EffectHandler.class)), transactions, json,
                Fixtures.organisation(), new SimpleMeterRegistry(), rolesNow::apply,
                new AuditLog(JdbcClient.create(dataSource), json), new DraftRepository(JdbcClient.create(dataSource)));
    }
}
