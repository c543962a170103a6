package io.fluxfleet.output;

import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code Output.all} for lists that grow with the fleet (one entry per tenant or per Receiver).
 *
 * <p>Why not {@link Output#all(List)}: pulumi-java 1.36.1 folds the list one element at a time
 * ({@code OutputData.Builder.accumulate}), and every step ({@code OutputData.combine}) copies the resources the result
 * depends on so far into a new {@code ImmutableSet} (pulumi/pulumi-java, sdk/java/pulumi/src/main/java/com/pulumi/core/
 * internal/OutputData.java, {@code combine}: "ImmutableSet.<Resource>builder().addAll(this.resources)
 * .addAll(other.resources)"). Over n outputs that is O(n²) set insertions: 2,000 tenants' 4,000 webhook URLs spent
 * 6% of a render in it, 5,000 tenants three times that share. Combining halves pairwise copies each dependency once
 * per level: O(n log n).
 *
 * <p>Same result as {@code Output.all}: the values in list order with {@code null}s left out, known only when every
 * element is, secret when any is, and depending on the union of the elements' resources.
 */
public final class Outputs {
    private Outputs() {}

    public static <T> Output<List<T>> all(List<Output<T>> outputs) {
        if (outputs.isEmpty()) {
            return Output.of(List.of());
        }
        if (outputs.size() == 1) {
            return outputs.get(0).applyValue(v -> v == null ? List.of() : List.of(v));
        }
        int half = outputs.size() / 2;
        return Output.tuple(all(outputs.subList(0, half)), all(outputs.subList(half, outputs.size())))
                .applyValue(t -> {
                    List<T> joined = new ArrayList<>(t.t1.size() + t.t2.size());
                    joined.addAll(t.t1);
                    joined.addAll(t.t2);
                    return List.copyOf(joined);
                });
    }
}
