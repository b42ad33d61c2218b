/** secrets rules. */
@NullMarked
package dev.warden.analysis.secrets;

import org.jspecify.annotations.NullMarked;
