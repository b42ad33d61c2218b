/** net rules. */
@NullMarked
package dev.warden.analysis.net;

import org.jspecify.annotations.NullMarked;
