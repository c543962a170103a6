package io.fluxfleet.verify;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The schema keywords and CEL rules the Flux CRDs barely use, checked on small schemas of our own. */
class SchemaCheckerTest {
    private static final SchemaChecker STRUCTURAL = new SchemaChecker(SchemaChecker.Dialect.STRUCTURAL);

    private static final Map<String, Object> SCHEMA = Samples.yaml("""
            type: object
            required: [port]
            properties:
              port:
                x-kubernetes-int-or-string: true
                pattern: ^[a-z]+$
              replicas: {type: integer, format: int32, minimum: 1, maximum: 5}
              ratio: {type: number, exclusiveMaximum: true, maximum: 1}
              tags:
                type: array
                maxItems: 2
                x-kubernetes-list-type: set
                items: {type: string, minLength: 2}
              env:
                type: object
                additionalProperties: {type: string}
              values:
                type: object
                x-kubernetes-preserve-unknown-fields: true
                properties:
                  known: {type: boolean}
              note: {type: string, nullable: true}
              mode:
                type: string
                default: safe
              level: {type: string}
            x-kubernetes-validations:
              - rule: self.mode == 'safe' || has(self.level)
                message: level is required unless mode is safe
              - rule: "!has(self.tags) || size(self.tags) >= 1"
                message: tags must not be empty
            """);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Map.of("port", 8080), List.of()),
                Arguments.of(Map.of("port", "http"), List.of()),
                Arguments.of(Map.of("port", 80.0), List.of()),
                Arguments.of(Map.of("port", true), List.of("x.port: boolean true, want integer or string (x-kubernetes-int-or-string)")),
                Arguments.of(Map.of("port", "HTTP"), List.of("x.port: \"HTTP\" does not match pattern ^[a-z]+$")),
                Arguments.of(Map.of("port", 1, "replicas", 0), List.of("x.replicas: 0 is below minimum 1")),
                Arguments.of(Map.of("port", 1, "replicas", 2.5), List.of("x.replicas: number 2.5, want type integer")),
                Arguments.of(Map.of("port", 1, "replicas", 3_000_000_000L),
                        List.of("x.replicas: 3000000000 is above maximum 5", "x.replicas: 3000000000 does not fit format int32")),
                Arguments.of(Map.of("port", 1, "ratio", 1), List.of("x.ratio: 1 is above exclusive maximum 1")),
                Arguments.of(Map.of("port", 1, "tags", List.of("ab", "ab", "c")), List.of(
                        "x.tags: 3 items, above maxItems 2",
                        "x.tags[2]: \"c\" is 1 characters, below minLength 2",
                        "x.tags[1]: duplicate \"ab\" (x-kubernetes-list-type set)")),
                Arguments.of(Map.of("port", 1, "env", Map.of("A", "1", "B", 2)), List.of("x.env.B: integer 2, want type string")),
                Arguments.of(Map.of("port", 1, "values", Map.of("anything", List.of(1), "known", "yes")),
                        List.of("x.values.known: string \"yes\", want type boolean")),
                Arguments.of(nullNote(), List.of()),
                Arguments.of(Map.of("port", 1, "mode", "fast"), List.of(
                        "x: level is required unless mode is safe (x-kubernetes-validations rule: self.mode == 'safe' || has(self.level))")),
                Arguments.of(Map.of("port", 1, "tags", List.of()), List.of(
                        "x: tags must not be empty (x-kubernetes-validations rule: !has(self.tags) || size(self.tags) >= 1)")),
                Arguments.of(Map.of("prot", 1), List.of("x.port: missing, but required [port]",
                        "x.prot: unknown field (structural schema: the API server prunes unknown fields); did you mean port?; "
                                + "allowed: [env, level, mode, note, port, ratio, replicas, tags, values]")));
    }

    private static Map<String, Object> nullNote() {
        Map<String, Object> object = new java.util.LinkedHashMap<>();
        object.put("port", 1);
        object.put("note", null);
        return object;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checks(Map<String, Object> value, List<String> expected) {
        assertEquals(expected, STRUCTURAL.check(value, SCHEMA, "x").stream().map(SchemaChecker.Failure::toString).toList());
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                // a missing field is an error that || absorbs when the other side is true
                Arguments.of("has(self.a) || self.b == 'x'", Map.of("a", 1), CelSubset.Outcome.PASS),
                Arguments.of("self.b == 'x' || has(self.a)", Map.of("a", 1), CelSubset.Outcome.PASS),
                Arguments.of("self.b == 'x' && has(self.c)", Map.of("a", 1), CelSubset.Outcome.FAIL),
                Arguments.of("self.b == 'x'", Map.of(), new CelSubset.Outcome(false, "no such key: self.b")),
                Arguments.of("!(self.n > 2) && size(self.s) == 3", Map.of("n", 2, "s", "abc"), CelSubset.Outcome.PASS),
                Arguments.of("self.n >= 2.0", Map.of("n", 2), null));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("rules")
    void evaluatesCel(String rule, Map<String, Object> self, CelSubset.Outcome expected) {
        if (expected == null) {
            assertEquals(CelSubset.UnsupportedRuleException.class,
                    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                            () -> CelSubset.compile(rule)).getClass());
            return;
        }
        assertEquals(expected, CelSubset.compile(rule).evaluate(self, Map.of()));
    }
}
