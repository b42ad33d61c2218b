/** sql rules. */
@NullMarked
package dev.warden.analysis.sql;

import org.jspecify.annotations.NullMarked;
