package org.muster.demo;

import org.muster.sandbox.ConditionalOnSandbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** With {@code muster.sandbox.demo=true}, the scene is loaded once the bot is up (it must hear of the groups). */
@Component
@ConditionalOnSandbox
@ConditionalOnBooleanProperty("muster.sandbox.demo")
class DemoOnStartup {

    private static final Logger log = LoggerFactory.getLogger(DemoOnStartup.class);

    private final DemoScene scene;

    DemoOnStartup(DemoScene scene) {
        this.scene = scene;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        Thread loader = new Thread(() -> {
            try {
                if (scene.loadedBefore()) {
                    log.info("the demo scene is there from an earlier start; the page's demo button loads it afresh");
                    return;
                }
                scene.load();
                log.info("demo scene ready: open /sandbox in a browser");
            } catch (RuntimeException e) {
                log.error("the demo scene could not be loaded", e);
            }
        }, "demo-scene");
        loader.setDaemon(true);
        loader.start();
    }
}
