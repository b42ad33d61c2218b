package dev.warden.analysis.secrets;

import dev.warden.analysis.Pack;
import java.util.List;
import org.jspecify.annotations.Nullable;

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

    /** The first variable {@code word} refers to whose name says it holds a secret ({@code $GITHUB_TOKEN}), or null. */
    public static @Nullable String secretVariable(String word) {
        for (int d = word.indexOf('$'); d >= 0 && d + 1 < word.length(); d = word.indexOf('$', d + 1)) {
            int i = d + 1;
            if (word.charAt(i) == '{') {
                i++;
            }
            int start = i;
            while (i < word.length() && (Character.isLetterOrDigit(word.charAt(i)) || word.charAt(i) == '_')) {
                i++;
            }
            if (i > start && PrintedVariables.secretName(word.substring(start, i))) {
                return word.substring(start, i);
            }
        }
        return null;
    }
}
