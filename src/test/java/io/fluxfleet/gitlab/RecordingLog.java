package io.fluxfleet.gitlab;

import com.pulumi.context.LoggingContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A {@link LoggingContext} that keeps what a program logged, for assertions. */
final class RecordingLog implements LoggingContext {
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    final List<String> infos = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void debug(String message) {}

    @Override
    public void debug(String format, Object... args) {}

    @Override
    public void info(String message) {
        infos.add(message);
    }

    @Override
    public void info(String format, Object... args) {
        infos.add(String.format(format, args));
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void warn(String format, Object... args) {
        warnings.add(String.format(format, args));
    }

    @Override
    public void error(String message) {
        warnings.add("ERROR " + message);
    }

    @Override
    public void error(String format, Object... args) {
        warnings.add("ERROR " + String.format(format, args));
    }
}
