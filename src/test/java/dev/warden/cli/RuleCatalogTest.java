package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.analysis.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule catalog: every id unique and documented, and docs/rule-packs.md generated from it. */
class RuleCatalogTest {

    @Test
    void everyRuleHasAUniqueIdADescriptionAndAHint() {
        Set<String> ids = new HashSet<>();
        for (Rule r : RuleCatalog.all()) {
            assertThat(ids.add(r.id())).as("duplicate id " + r.id()).isTrue();
            assertThat(r.id()).matches("[a-z0-9-]+\\.[a-z0-9.-]+");
            assertThat(r.description()).as(r.id()).isNotBlank();
            if (r.severity().compareTo(dev.warden.call.Severity.MEDIUM) >= 0) {
                assertThat(r.hint()).as("a blocking finding must tell the agent what to do instead: " + r.id()).isNotBlank();
            }
        }
        assertThat(ids).contains("git.force-push", "shell.pipe-to-shell");
    }

    @Test
    void theRulePacksDocumentIsUpToDate() throws IOException {
        Path doc = Path.of("docs/rule-packs.md");
        String expected = RuleCatalog.markdown();
        if (Boolean.getBoolean("warden.regenerateDocs")) {
            Files.writeString(doc, expected);
        }
        assertThat(doc).as("regenerate with: ./warden policy packs --format markdown > docs/rule-packs.md").exists();
        assertThat(Files.readString(doc)).isEqualTo(expected);
    }

    @Test
    void policyPacksPrintsTheCatalog() {
        Cli.Run r = Cli.run("policy", "packs");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("git.force-push").contains("e.g. ");
        assertThat(Cli.run("policy", "packs", "--format", "yaml").exit()).isEqualTo(ExitCodes.USAGE);
    }
}
