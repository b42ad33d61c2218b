package dev.warden.analysis.shell;

import static dev.warden.analysis.shell.Parsed.argvs;
import static dev.warden.analysis.shell.Parsed.finding;
import static dev.warden.analysis.shell.Parsed.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.call.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Words are expanded the way Bash expands them, so obfuscated command words show their real program. */
class ExpansionTest {

    private static final List<String> RM_RF_ROOT = List.of("rm", "-rf", "/");

    @Test
    void ansiCQuotedCommandWordIsDecoded() {
        assertThat(argvs("$'\\x72\\x6d' -rf /")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("rm $'\\057\\145\\164\\143\\057\\160\\141\\163\\163\\167\\144'"))
                .containsExactly(List.of("rm", "/etc/passwd"));
    }

    @Test
    void ansiCStringEndsAtNulAsInBash() {
        assertThat(argvs("rm$'\\0'IGNOREDTAIL -rf /")).containsExactly(List.of("rmIGNOREDTAIL", "-rf", "/"));
    }

    @Test
    void localeQuotingIsLikeDoubleQuoting() {
        assertThat(argvs("$\"rm\" -rf /")).containsExactly(RM_RF_ROOT);
    }

    @Test
    void quotedAndEscapedCommandWordsLoseTheirQuotes() {
        assertThat(argvs("r''m -rf /")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("\\rm -rf /")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("\"rm\" -rf /")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("r\\m -rf /")).containsExactly(RM_RF_ROOT);
    }

    @Test
    void unquotedIfsSplitsWords() {
        assertThat(argvs("rm$IFS-rf$IFS/")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("rm${IFS}-rf${IFS}/")).containsExactly(RM_RF_ROOT);
    }

    @Test
    void ifsAssignedEarlierIsUsedForSplitting() {
        assertThat(argvs("IFS=,; rm$IFS-rf$IFS/")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("x=a,b; IFS=,; zz $x \"$x\"")).containsExactly(List.of("zz", "a", "b", "a,b"));
    }

    @Test
    void emptyQuotesBeforeIfsMakeAnEmptyProgramAsInBash() {
        assertThat(argvs("''${IFS}rm -rf /")).containsExactly(List.of("", "rm", "-rf", "/"));
    }

    @Test
    void literalVariablesAssignedEarlierAreSubstituted() {
        assertThat(argvs("X=rm; $X -rf /")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("a=r;b=m;$a$b -rf /")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("X=; $X rm -rf /")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("export C=rm && $C -rf /")).contains(RM_RF_ROOT);
    }

    @Test
    void arraysOfLiteralsAreSubstituted() {
        assertThat(argvs("a=(rm -rf /); \"${a[@]}\"")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("a=(rm -rf /); ${a[0]} x")).containsExactly(List.of("rm", "x"));
    }

    @Test
    void variableSetOnlyOnABranchIsUnknownAfterIt() {
        ParsedScript p = parse("C=ls; if test -f x; then C=rm; fi; $C -rf /");
        assertThat(finding(p, Findings.DYNAMIC)).isPresent();
        assertThat(Parsed.command(p, "ls", "-rf", "/")).isEmpty();
    }

    @Test
    void braceExpansionProducesTheRealWords() {
        assertThat(argvs("{rm,-rf,/}")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("{,rm} -rf /")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("zz {a,b}{c,d} {1..3} {a..c} x{,}y {}"))
                .containsExactly(List.of("zz", "ac", "ad", "bc", "bd", "1", "2", "3", "a", "b", "c", "xy", "xy", "{}"));
    }

    @Test
    void defaultValuesWithLiteralWordsAreUsed() {
        assertThat(argvs("${x:-rm} -rf /")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("zz ${y:-\"a b\"} c")).containsExactly(List.of("zz", "a b", "c"));
        assertThat(argvs("zz ${v:=q} $v")).containsExactly(List.of("zz", "q", "q"));
    }

    @Test
    void stringOperatorsOnLiteralValuesAreComputed() {
        assertThat(argvs("x=xrmx; ${x:1:2} -rf /")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("x=RM; ${x,,} -rf /")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("x=ls; ${x/ls/rm} -rf /")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("x=/usr/bin/rm; ${x##*/} -rf /")).containsExactly(RM_RF_ROOT);
        assertThat(argvs("a=rm; b=a; ${!b} -rf /")).containsExactly(RM_RF_ROOT);
    }

    @Test
    void commandSubstitutionOfLiteralEchoIsComputed() {
        assertThat(argvs("$(echo rm) -rf /")).contains(RM_RF_ROOT);
        assertThat(argvs("`echo rm` -rf /")).contains(RM_RF_ROOT);
    }

    @Test
    void unknownVariableAsCommandWordIsADynamicCommand() {
        ParsedScript p = parse("$CMD -rf /");
        assertThat(p.commands()).singleElement().satisfies(c -> assertThat(c.argv()).containsExactly("$CMD", "-rf", "/"));
        assertThat(finding(p, Findings.DYNAMIC)).hasValueSatisfying(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).contains("$CMD");
        });
    }

    @Test
    void substitutionAsCommandWordIsADynamicCommandAndStillRuns() {
        ParsedScript p = parse("$(cat cmd.txt) --version");
        assertThat(Parsed.command(p, "cat", "cmd.txt")).isPresent();
        assertThat(finding(p, Findings.DYNAMIC)).isPresent();
    }

    @Test
    void aLocatedProgramIsThatProgram() {
        ParsedScript p = parse("$(which rm) -rf ~");
        assertThat(Parsed.command(p, "which", "rm")).isPresent();
        assertThat(Parsed.command(p, "/usr/bin/rm", "-rf", "~")).isPresent();
        assertThat(finding(p, Findings.DYNAMIC)).isEmpty();
    }

    @Test
    void evalOfAVariableIsADynamicCommand() {
        assertThat(finding(parse("eval \"$x\""), Findings.DYNAMIC)).isPresent();
        assertThat(finding(parse("bash -c \"$PAYLOAD\""), Findings.DYNAMIC)).isPresent();
    }

    @Test
    void unknownArgumentsKeepTheirSourceText() {
        assertThat(argvs("rm -rf \"$DIR\"/build $(pwd)")).contains(List.of("rm", "-rf", "$DIR/build", "$(pwd)"));
    }

    @Test
    void arithmeticIsNotACommandButItsSubstitutionsRun() {
        assertThat(argvs("echo $((1 + $(id -u)))")).containsExactly(List.of("id", "-u"), List.of("echo", "$((1 + $(id -u)))"));
    }

    @Test
    void shortLiteralLoopListDrivesTheBody() {
        assertThat(argvs("for c in rm; do $c -rf /; done")).containsExactly(RM_RF_ROOT);
    }
}
