package org.muster.conversation;

/** A change a flow asks for (a record to write); an {@link EffectHandler} of its type applies it. */
public interface Effect {
}
