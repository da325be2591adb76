package org.muster.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements (and commits) the application sends to PostgreSQL, by the kind of thread
 * that sent them ({@code muster-worker-} for update handling, {@code muster-job-} for periodic jobs,
 * and so on): the figure a benchmark prints beside its throughput. Import it into a test's context;
 * it wraps the application's {@link DataSource}.
 */
public final class StatementCounter implements BeanPostProcessor {

    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    private static final Map<String, LongAdder> STATEMENTS = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> COMMITS = new ConcurrentHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())) {
            return wrap(dataSource, DataSource.class, (target, method, result) -> "getConnection".equals(method.getName())
                    ? wrap((Connection) result, Connection.class, StatementCounter::statementOf) : result);
        }
        return bean;
    }

    /** Starts counting from zero. */
    public static void reset() {
        STATEMENTS.clear();
        COMMITS.clear();
    }

    /** Statements since the last reset, per thread kind (the thread's name without its number). */
    public static Map<String, Long> statements() {
        return snapshot(STATEMENTS);
    }

    public static Map<String, Long> commits() {
        return snapshot(COMMITS);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((kind, count) -> out.put(kind, count.sum()));
        return out;
    }

    private static Object statementOf(Object connection, Method method, Object result) {
        if ("commit".equals(method.getName())) {
            count(COMMITS);
        }
        if (result instanceof CallableStatement statement) {
            return wrap(statement, CallableStatement.class, StatementCounter::execution);
        }
        if (result instanceof PreparedStatement statement) {
            return wrap(statement, PreparedStatement.class, StatementCounter::execution);
        }
        if (result instanceof Statement statement) {
            return wrap(statement, Statement.class, StatementCounter::execution);
        }
        return result;
    }

    private static Object execution(Object statement, Method method, Object result) {
        if (EXECUTIONS.contains(method.getName())) {
            count(STATEMENTS);
        }
        return result;
    }

    private static void count(Map<String, LongAdder> counts) {
        String kind = Thread.currentThread().getName().replaceAll("\\d+$", "");
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private interface After {
        Object apply(Object target, Method method, Object result);
    }

    @SuppressWarnings("unchecked")
    private static <T> T wrap(T target, Class<T> type, After after) {
        InvocationHandler handler = (proxy, method, args) -> {
            if ("unwrap".equals(method.getName()) && args.length == 1 && ((Class<?>) args[0]).isInstance(target)) {
                return target;
            }
            if ("isWrapperFor".equals(method.getName()) && args.length == 1 && ((Class<?>) args[0]).isInstance(target)) {
                return true;
            }
            try {
                return after.apply(target, method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
