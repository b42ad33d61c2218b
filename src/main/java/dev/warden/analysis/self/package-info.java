/** self rules. */
@NullMarked
package dev.warden.analysis.self;

import org.jspecify.annotations.NullMarked;
