package dev.warden.analysis;

import dev.warden.call.Analysis;
import dev.warden.call.ToolCall;

/**
 * Entry point of analysis: what will this call really do? Thread-safe, never throws; anything
 * it cannot read becomes a finding (never silence).
 */
public interface Analyzer {

    /** Analyses one call. */
    Analysis analyze(ToolCall call, AnalysisContext context);

    /** The analyzer with every built-in rule pack. */
    static Analyzer standard() {
        return Standard.INSTANCE;
    }

    /** Holder: the standard analyzer is built once (its packs precompute their tables). */
    final class Standard {
        private static final Analyzer INSTANCE = new StandardAnalyzer(Packs.builtIn());

        private Standard() {}
    }
}
