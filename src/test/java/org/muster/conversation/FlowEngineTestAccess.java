package org.muster.conversation;

import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.muster.support.Fixtures;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.transaction.support.TransactionTemplate;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/** A flow engine for tests of other packages' flows: real Redis, the given flows, effects applied by the given handlers. */
public final class FlowEngineTestAccess {

    private FlowEngineTestAccess() {
    }

    public static FlowEngine engine(UnifiedJedis redis, List<Flow<?>> flows, TransactionTemplate transactions,
                                    EffectHandler<?>... handlers) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        for (int i = 0; i < handlers.length; i++) {
            beans.addBean("handler" + i, handlers[i]);
        }
        JsonMapper json = JsonMapper.builder().build();
        return new FlowEngine(new ConversationStore(redis, json), flows,
                beans.getBeanProvider(ResolvableType.forClass(EffectHandler.class)), transactions, json,
                Fixtures.organisation(), new SimpleMeterRegistry());
    }
}
