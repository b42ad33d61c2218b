/** exec rules. */
@NullMarked
package dev.warden.analysis.exec;

import org.jspecify.annotations.NullMarked;
