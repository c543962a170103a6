package io.fluxfleet.admission.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real CEL engine ({@code dev.cel:cel} 0.14.0), with the variables a ValidatingAdmissionPolicy's expressions see
 * and no function beyond CEL's standard library and macros.
 *
 * <p>Kubernetes declares {@code object}, {@code oldObject}, {@code request}, {@code params},
 * {@code namespaceObject}, {@code authorizer} and {@code variables} (kubernetes
 * {@code staging/src/k8s.io/apiserver/pkg/admission/plugin/cel/compile.go}, {@code ObjectVarName} …
 * {@code VariableVarName}), objects as dynamic values, over a base environment of CEL's standard library plus its
 * own libraries (urls, regex, lists, authz, quantity, ip, cidr, format, semver, image) and cel-go's strings
 * extension (version 2 since 1.29) and sets extension ({@code staging/src/k8s.io/apiserver/pkg/cel/environment/base.go},
 * commit 002315b9: {@code ext.Strings(ext.StringsVersion(2))}). This engine has the standard library and the strings
 * extension ({@code CelExtensions.strings()}: charAt, indexOf, join, lastIndexOf, lowerAscii, replace, split,
 * substring, trim, upperAscii, all in cel-go's version 2) and nothing else, so an expression that compiles here
 * compiles there; {@code authorizer} is left out because fluxfleet's policies do not use it. A function outside
 * these fails to compile here, which the tests count as a failure.
 *
 * <p>Loaded in its own class loader ({@code CelHarness}): it exchanges only {@code java.*} values with the tests.
 */
public final class CelEngine {
    public static final List<String> VARIABLES = List.of("object", "oldObject", "request", "params",
            "namespaceObject", "variables");

    private final CelCompiler compiler;
    private final CelRuntime runtime;

    public CelEngine() {
        // base.go's language options: cel.HomogeneousAggregateLiterals() (1.0) and
        // cel.CrossTypeNumericComparisons(true) (1.28)
        CelOptions options = CelOptions.current().enableHomogeneousLiterals(true)
                .enableHeterogeneousNumericComparisons(true).build();
        var builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.strings());
        for (String name : VARIABLES) {
            builder.addVar(name, SimpleType.DYN);
        }
        compiler = builder.build();
        runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options)
                .addLibraries(CelExtensions.strings()).build();
    }

    /** A compiled program, or an IllegalArgumentException with CEL's error text. */
    public Object compile(String expression) {
        try {
            CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
            return runtime.createProgram(ast);
        } catch (CelValidationException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** The program's value over {@code variables}, or an IllegalStateException with CEL's error text. */
    public Object eval(Object program, Map<String, Object> variables) {
        Map<String, Object> input = new LinkedHashMap<>();
        for (String name : VARIABLES) {
            input.put(name, convert(variables.get(name)));
        }
        try {
            return ((CelRuntime.Program) program).eval(input);
        } catch (CelEvaluationException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    /** YAML's values as CEL's: integers are int64, null is CEL's null. */
    private static Object convert(Object value) {
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, convert(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(convert(v)));
            return out;
        }
        return value;
    }
}
