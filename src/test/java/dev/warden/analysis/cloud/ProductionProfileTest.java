package dev.warden.analysis.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.analysis.AnalysisContext;
import dev.warden.analysis.Analyzer;
import dev.warden.call.Finding;
import dev.warden.call.Severity;
import dev.warden.call.ToolCall;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destructive verb after a CLI's leading global options ({@code --profile production}) is
 * found, and the profile meets the production markers a policy declares: the finding is raised.
 */
class ProductionProfileTest {

    @TempDir
    Path tmp;

    private List<Finding> findings(String command, AnalysisContext.Production production) {
        Path home = tmp.resolve("home");
        AnalysisContext ctx = new AnalysisContext(home.resolve("project"), home, Set.of("main"), production, List.of());
        ToolCall call = new ToolCall("claude", "s", null, null, ctx.projectRoot().toString(), "Bash",
                Map.of("command", command), null, null, null);
        return Analyzer.standard().analyze(call, ctx).findings();
    }

    @Test
    void aDeleteAfterAProfileOptionIsFoundAndRaisedForAProductionProfile() {
        AnalysisContext.Production prod = new AnalysisContext.Production(Set.of(), Set.of(), Set.of("prod*"), Set.of(), Set.of());
        List<Finding> f = findings("databricks --profile production account users-v2 delete 42", prod);
        assertThat(f).extracting(Finding::id).contains("tail.destructive-verb", "prod.touch");
        assertThat(f).filteredOn(x -> x.id().equals("tail.destructive-verb")).extracting(Finding::severity)
                .containsExactly(Severity.HIGH);
    }

    @Test
    void theSameDeleteWithAnotherProfileStaysMedium() {
        AnalysisContext.Production prod = new AnalysisContext.Production(Set.of(), Set.of(), Set.of("prod*"), Set.of(), Set.of());
        List<Finding> f = findings("databricks --profile staging account users-v2 delete 42", prod);
        assertThat(f).extracting(Finding::id).contains("tail.destructive-verb").doesNotContain("prod.touch");
        assertThat(f).extracting(Finding::severity).containsOnly(Severity.MEDIUM);
    }

    @Test
    void withoutMarkersTheDeleteIsStillFound() {
        List<Finding> f = findings("databricks --profile production account users-v2 delete 42", AnalysisContext.Production.NONE);
        assertThat(f).extracting(Finding::id).containsExactly("tail.destructive-verb");
    }

    @Test
    void aPasswordChangeOnAProductionProjectIsRaised() {
        AnalysisContext.Production prod = new AnalysisContext.Production(Set.of(), Set.of(), Set.of("prod-*"), Set.of(), Set.of());
        List<Finding> f = findings("gcloud sql users set-password root --instance=db --password=x --project prod-eu", prod);
        assertThat(f).extracting(Finding::id).contains("cloud.resource-change", "prod.touch");
        assertThat(f).filteredOn(x -> x.id().equals("cloud.resource-change")).extracting(Finding::severity)
                .containsExactly(Severity.HIGH);
    }
}
