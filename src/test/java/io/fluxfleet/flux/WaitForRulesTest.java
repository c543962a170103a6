package io.fluxfleet.flux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parser model against the provider's own cases: pulumi-kubernetes v4.32.0
 * {@code provider/pkg/metadata/overrides_test.go} ({@code TestReadyCondition}, {@code TestTimeoutSeconds}),
 * {@code provider/pkg/jsonpath/jsonpath_test.go} ({@code TestParse}) and the doc of
 * {@code provider/pkg/await/condition/custom.go} ({@code "condition=Foo" or "condition=Foo=Bar"}).
 */
class WaitForRulesTest {

    @ParameterizedTest(name = "accepted: {0}")
    @CsvSource(delimiterString = " ## ", quoteCharacter = '~', value = {
            // overrides_test.go: "parse single value"
            "jsonpath={.baz}=boo ## 1",
            // overrides_test.go: "parse JSON array"
            "[\"jsonpath={.foo.bar}\", \"condition=Custom\"] ## 2",
            // jsonpath_test.go: complex, preserve ==, $, padded brackets, key with any value
            "jsonpath={.status.conditions[?(@.type==\"Failed\"||@.type==\"Complete\")].status}=True ## 1",
            "jsonpath={.status.containerStatuses[?(@.name==\"foobar\")].ready}=True ## 1",
            "jsonpath={$.foo}=bar ## 1",
            "jsonpath={ .webhooks[*].clientConfig.caBundle } ## 1",
            "jsonpath={.foo} ## 1",
            // custom.go doc
            "condition=Foo ## 1",
            "condition=Foo=Bar ## 1",
            // fluxfleet's own
            "condition=Ready ## 1",
    })
    void acceptedForms(String annotation, int expressions) {
        assertEquals(expressions, WaitForRules.parseWaitFor(annotation).size());
    }

    @ParameterizedTest(name = "refused: {0}")
    @CsvSource(delimiterString = " ## ", quoteCharacter = '~', value = {
            // overrides_test.go: "parse empty array", "invalid expression"
            "[] ## at least one condition must be specified",
            "{.baz}=boo ## expected a \"jsonpath=\" or \"condition=\" prefix",
            // jsonpath_test.go
            "jsonpath='{.status.phase}'=Running ## omit shell quotes",
            "jsonpath={.metadata.name}= ## {.metadata.name}= requires a value",
            "jsonpath={.metadata.name}='test=wrong' ## format should be {.path}=value or {.path}",
            "jsonpath= ## non-empty",
            // a bare condition name (kubectl's own --for=Ready is not a form the provider takes)
            "Ready ## expected a \"jsonpath=\" or \"condition=\" prefix",
            // an array with one bad element refuses the whole annotation
            "[\"condition=Ready\", \"Ready\"] ## expected a \"jsonpath=\" or \"condition=\" prefix",
            "jsonpath=.status.phase ## should be wrapped in brackets",
    })
    void refusedForms(String annotation, String message) {
        WaitForRules.Refused refused = assertThrows(WaitForRules.Refused.class, () -> WaitForRules.parseWaitFor(annotation));
        assertTrue(refused.getMessage().contains(message), refused.getMessage());
    }

    @Test
    void conditionDefaultsToStatusTrueAndSplitsAtTheFirstEquals() {
        assertEquals(List.of(new WaitForRules.Expression("condition", "Ready", "True")),
                WaitForRules.parseWaitFor("condition=Ready"));
        assertEquals(List.of(new WaitForRules.Expression("condition", "Stalled", "False")),
                WaitForRules.parseWaitFor("condition=Stalled=False"));
    }

    @Test
    void aJsonArrayWithANonStringIsOneExpressionAndSoRefused() {
        // json.Unmarshal into []string fails, so the whole text is one value, which has no prefix
        assertThrows(WaitForRules.Refused.class, () -> WaitForRules.parseWaitFor("[1]"));
    }

    @Test
    void timeoutSecondsFollowsAtoi() {
        // overrides_test.go TestTimeoutSeconds
        assertEquals(Optional.of(15L), WaitForRules.timeoutSeconds("15"));
        assertEquals(Optional.of(0L), WaitForRules.timeoutSeconds("0"));
        assertEquals(Optional.empty(), WaitForRules.timeoutSeconds("foo"));
        // strconv.Atoi: no units, no decimals, no spaces; a sign is taken
        assertEquals(Optional.empty(), WaitForRules.timeoutSeconds("10m"));
        assertEquals(Optional.empty(), WaitForRules.timeoutSeconds("1.5"));
        assertEquals(Optional.empty(), WaitForRules.timeoutSeconds(" 15"));
        assertEquals(Optional.of(15L), WaitForRules.timeoutSeconds("+15"));
        assertEquals(Optional.empty(), WaitForRules.timeoutSeconds("99999999999999999999"));
    }
}
