package org.muster.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Registers the annotated bean only in sandbox mode, that is when {@code muster.telegram.token}
 * is empty or missing. Other packages use it for the beans that point Muster at the emulator.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(SandboxModeCondition.class)
public @interface ConditionalOnSandbox {
}
