package org.muster.sandbox;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the world in {@code muster.sandbox.state-file}, so a restarted application finds its users,
 * chats, transcripts, files, webhook, commands and counters again. The file is read when the
 * emulator starts, written a moment after each change (changes come in bursts) and once more at
 * shutdown; it is replaced atomically, so a crash leaves the previous state rather than half a file.
 */
@Component
@ConditionalOnSandbox
class WorldStateFile {

    private static final Logger log = LoggerFactory.getLogger(WorldStateFile.class);
    private static final Duration DEBOUNCE = Duration.ofMillis(300);
    private static final int FORMAT = 1;

    /** The file's content: the world, the update queue, and a format number for later changes. */
    record State(int format, SandboxWorld.Snapshot world, UpdateQueue.Snapshot updates) {
    }

    /** The model classes are plain field holders; the file reads and writes their fields directly. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .changeDefaultVisibility(visibility -> visibility
                    .withVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                    .withVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                    .withVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                    .withVisibility(PropertyAccessor.SETTER, JsonAutoDetect.Visibility.NONE))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final SandboxWorld world;
    private final UpdateQueue queue;
    private final SandboxScheduler scheduler;
    private final Path file;
    private final AtomicBoolean saveScheduled = new AtomicBoolean();
    /** Taken before the world's lock, never while holding it, so a save cannot block a change. */
    private final Object writing = new Object();

    WorldStateFile(SandboxWorld world, UpdateQueue queue, SandboxScheduler scheduler, SandboxProperties properties) {
        this.world = world;
        this.queue = queue;
        this.scheduler = scheduler;
        this.file = properties.stateFile().isEmpty() ? null : Path.of(properties.stateFile()).toAbsolutePath().normalize();
        if (file != null) {
            load();
            world.onChange(this::saveSoon);
            queue.onChange(this::saveSoon);
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            log.info("Sandbox: no state file at {} yet; starting with an empty world", file);
            return;
        }
        try {
            State state = MAPPER.readValue(file.toFile(), State.class);
            if (state.format() != FORMAT || state.world() == null || state.updates() == null) {
                throw new IllegalStateException("the sandbox state file " + file + " has an unknown format " + state.format());
            }
            world.write(() -> world.restore(state.world()));
            queue.restore(state.updates());
            log.info("Sandbox: world loaded from {} ({} users, {} chats)", file, state.world().users().size(),
                    state.world().chats().size());
        } catch (JacksonException e) {
            throw new IllegalStateException("the sandbox state file " + file + " cannot be read; move it away to start "
                    + "with an empty world", e);
        }
    }

    /** Called after every change, often with the world's lock held: it only schedules. */
    private void saveSoon() {
        if (saveScheduled.compareAndSet(false, true)) {
            try {
                scheduler.after(DEBOUNCE, () -> {
                    saveScheduled.set(false);
                    saveNow();
                });
            } catch (RejectedExecutionException e) {
                // shutting down: the final save follows
                saveScheduled.set(false);
            }
        }
    }

    /** Writes the state file now. */
    void saveNow() {
        if (file == null) {
            return;
        }
        synchronized (writing) {
            byte[] bytes = world.read(() -> MAPPER.writeValueAsBytes(new State(FORMAT, world.snapshot(), queue.snapshot())));
            try {
                Path parent = file.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
                Files.write(temporary, bytes);
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                log.warn("Sandbox: could not write the state file {}", file, e);
            }
        }
    }

    @PreDestroy
    void saveAtShutdown() {
        saveNow();
    }
}
