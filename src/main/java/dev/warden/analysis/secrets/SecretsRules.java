package dev.warden.analysis.secrets;

import dev.warden.analysis.Pack;
import java.util.List;

/** The secrets packs. */
public final class SecretsRules {

    private SecretsRules() {}

    /** Every pack of this package. */
    public static List<Pack> packs() {
        return List.of(new SecretsPack());
    }

    /**
     * True when text mentions something that usually names a secret file or value
     * ({@code .ssh}, {@code .env}, {@code credentials}, {@code token}, ...): a cheap hint, not a
     * judgement.
     */
    public static boolean mentionsSecret(String text) {
        return SecretsPack.hinted(text);
    }
}
