package dev.palisade.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.palisade.inventory.InventoryBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A compiled CEL expression (the language of Kubernetes ValidatingAdmissionPolicy) over {@code object},
 * {@code podSpec}, {@code container} and {@code namespaceObject}, all of type dyn, returning a bool.
 */
public final class CelExpression {

    public static final List<String> VARIABLES = List.of("object", "podSpec", "container", "namespaceObject");

    private static final CelCompiler COMPILER = compiler();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final CelRuntime.Program program;
    private final Set<String> variables;

    private CelExpression(CelRuntime.Program program, Set<String> variables) {
        this.program = program;
        this.variables = Set.copyOf(variables);
    }

    /** The variables the expression refers to; only those are built for it (converting objects is costly). */
    public Set<String> variables() {
        return variables;
    }

    private static CelCompiler compiler() {
        // The standard macros (has, all, exists, exists_one, map, filter), as in Kubernetes admission CEL.
        var builder = CelCompilerFactory.standardCelCompilerBuilder().setResultType(SimpleType.BOOL)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        for (String variable : VARIABLES) {
            builder.addVar(variable, SimpleType.DYN);
        }
        return builder.build();
    }

    /** Compiles; fails with the compiler's message (for lint). */
    public static CelExpression compile(String expression) {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            Set<String> used = new HashSet<>();
            for (String variable : VARIABLES) {
                if (Pattern.compile("\\b" + variable + "\\b").matcher(expression).find()) {
                    used.add(variable);
                }
            }
            return new CelExpression(RUNTIME.createProgram(ast), used);
        } catch (CelValidationException e) {
            String message = e.getMessage();
            int excerpt = message.indexOf('\n');
            throw new IllegalArgumentException("invalid CEL expression: "
                    + (excerpt < 0 ? message : message.substring(0, excerpt)).trim());
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException("invalid CEL expression: " + e.getMessage());
        }
    }

    /** True when the expression evaluates to true; an evaluation error (e.g. a missing field) counts as false. */
    public boolean test(Map<String, Object> variables) {
        try {
            return Boolean.TRUE.equals(program.eval(variables));
        } catch (CelEvaluationException e) {
            return false;
        }
    }

    /** A model object as CEL values: maps, lists, Long, Double, String, Boolean; nulls left out. */
    static Object toCel(Object model) {
        return toCel(InventoryBuilder.SERIALIZATION.convertValue(model, JsonNode.class));
    }

    private static Object toCel(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                Object value = toCel(entry.getValue());
                if (value != null) {
                    map.put(entry.getKey(), value);
                }
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                Object value = toCel(item);
                if (value != null) {
                    list.add(value);
                }
            }
            return list;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        return node.asString();
    }
}
