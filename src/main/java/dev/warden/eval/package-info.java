/**
 * Scoring deciders against labelled command corpora: {@link dev.warden.eval.CommandEval}.
 */
@NullMarked
package dev.warden.eval;

import org.jspecify.annotations.NullMarked;
