/** cloud rules. */
@NullMarked
package dev.warden.analysis.cloud;

import org.jspecify.annotations.NullMarked;
