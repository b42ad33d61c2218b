/** git rules. */
@NullMarked
package dev.warden.analysis.git;

import org.jspecify.annotations.NullMarked;
