package dev.warden.supply;

import dev.warden.call.Finding;
import java.util.Objects;

/**
 * A risk found on one inventory item.
 *
 * @param item    the item's id
 * @param finding what was found
 */
public record Flag(String item, Finding finding) {
    public Flag {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(finding, "finding");
    }
}
