/** publish rules. */
@NullMarked
package dev.warden.analysis.publish;

import org.jspecify.annotations.NullMarked;
