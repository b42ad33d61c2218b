/** sys rules. */
@NullMarked
package dev.warden.analysis.sys;

import org.jspecify.annotations.NullMarked;
