package io.fluxfleet.random;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The inputs of {@link RandomPassword}; {@code length} is required, everything else takes the provider's default. */
public final class RandomPasswordArgs extends ResourceArgs {
    public static final RandomPasswordArgs Empty = new RandomPasswordArgs();

    /** Arbitrary map of values that, when changed, will trigger recreation of the resource. */
    @Import(name = "keepers")
    private Output<Map<String, String>> keepers;

    /** The length of the string desired. The minimum value for length is 1 and, length must also be >= (`min_upper` + `min_lower` + `min_numeric` + `min_special`). */
    @Import(name = "length", required = true)
    private Output<Integer> length;

    /** Include lowercase alphabet characters in the result. Default value is `true`. */
    @Import(name = "lower")
    private Output<Boolean> lower;

    /** Minimum number of lowercase alphabet characters in the result. Default value is `0`. */
    @Import(name = "minLower")
    private Output<Integer> minLower;

    /** Minimum number of numeric characters in the result. Default value is `0`. */
    @Import(name = "minNumeric")
    private Output<Integer> minNumeric;

    /** Minimum number of special characters in the result. Default value is `0`. */
    @Import(name = "minSpecial")
    private Output<Integer> minSpecial;

    /** Minimum number of uppercase alphabet characters in the result. Default value is `0`. */
    @Import(name = "minUpper")
    private Output<Integer> minUpper;

    /** Include numeric characters in the result. Default value is `true`. */
    @Import(name = "numeric")
    private Output<Boolean> numeric;

    /** Supply your own list of special characters to use for string generation. This overrides the default character list in the special argument. The `special` argument must still be set to true for any overwritten characters to be used in generation. */
    @Import(name = "overrideSpecial")
    private Output<String> overrideSpecial;

    /** Include special characters in the result. These are `!@#$%&*()-_=+[]{}<>:?`. Default value is `true`. */
    @Import(name = "special")
    private Output<Boolean> special;

    /** Include uppercase alphabet characters in the result. Default value is `true`. */
    @Import(name = "upper")
    private Output<Boolean> upper;

    public Optional<Output<Map<String, String>>> keepers() {
        return Optional.ofNullable(this.keepers);
    }

    public Output<Integer> length() {
        return this.length;
    }

    public Optional<Output<Boolean>> lower() {
        return Optional.ofNullable(this.lower);
    }

    public Optional<Output<Integer>> minLower() {
        return Optional.ofNullable(this.minLower);
    }

    public Optional<Output<Integer>> minNumeric() {
        return Optional.ofNullable(this.minNumeric);
    }

    public Optional<Output<Integer>> minSpecial() {
        return Optional.ofNullable(this.minSpecial);
    }

    public Optional<Output<Integer>> minUpper() {
        return Optional.ofNullable(this.minUpper);
    }

    public Optional<Output<Boolean>> numeric() {
        return Optional.ofNullable(this.numeric);
    }

    public Optional<Output<String>> overrideSpecial() {
        return Optional.ofNullable(this.overrideSpecial);
    }

    public Optional<Output<Boolean>> special() {
        return Optional.ofNullable(this.special);
    }

    public Optional<Output<Boolean>> upper() {
        return Optional.ofNullable(this.upper);
    }

    private RandomPasswordArgs() {}

    private RandomPasswordArgs(RandomPasswordArgs $) {
        this.keepers = $.keepers;
        this.length = $.length;
        this.lower = $.lower;
        this.minLower = $.minLower;
        this.minNumeric = $.minNumeric;
        this.minSpecial = $.minSpecial;
        this.minUpper = $.minUpper;
        this.numeric = $.numeric;
        this.overrideSpecial = $.overrideSpecial;
        this.special = $.special;
        this.upper = $.upper;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Builder builder(RandomPasswordArgs defaults) {
        return new Builder(defaults);
    }

    public static final class Builder {
        private RandomPasswordArgs $;

        public Builder() {
            $ = new RandomPasswordArgs();
        }

        public Builder(RandomPasswordArgs defaults) {
            $ = new RandomPasswordArgs(Objects.requireNonNull(defaults));
        }

        public Builder keepers(Output<Map<String, String>> keepers) {
            $.keepers = keepers;
            return this;
        }

        public Builder keepers(Map<String, String> keepers) {
            return keepers(Output.of(keepers));
        }

        public Builder length(Output<Integer> length) {
            $.length = length;
            return this;
        }

        public Builder length(Integer length) {
            return length(Output.of(length));
        }

        public Builder lower(Output<Boolean> lower) {
            $.lower = lower;
            return this;
        }

        public Builder lower(Boolean lower) {
            return lower(Output.of(lower));
        }

        public Builder minLower(Output<Integer> minLower) {
            $.minLower = minLower;
            return this;
        }

        public Builder minLower(Integer minLower) {
            return minLower(Output.of(minLower));
        }

        public Builder minNumeric(Output<Integer> minNumeric) {
            $.minNumeric = minNumeric;
            return this;
        }

        public Builder minNumeric(Integer minNumeric) {
            return minNumeric(Output.of(minNumeric));
        }

        public Builder minSpecial(Output<Integer> minSpecial) {
            $.minSpecial = minSpecial;
            return this;
        }

        public Builder minSpecial(Integer minSpecial) {
            return minSpecial(Output.of(minSpecial));
        }

        public Builder minUpper(Output<Integer> minUpper) {
            $.minUpper = minUpper;
            return this;
        }

        public Builder minUpper(Integer minUpper) {
            return minUpper(Output.of(minUpper));
        }

        public Builder numeric(Output<Boolean> numeric) {
            $.numeric = numeric;
            return this;
        }

        public Builder numeric(Boolean numeric) {
            return numeric(Output.of(numeric));
        }

        public Builder overrideSpecial(Output<String> overrideSpecial) {
            $.overrideSpecial = overrideSpecial;
            return this;
        }

        public Builder overrideSpecial(String overrideSpecial) {
            return overrideSpecial(Output.of(overrideSpecial));
        }

        public Builder special(Output<Boolean> special) {
            $.special = special;
            return this;
        }

        public Builder special(Boolean special) {
            return special(Output.of(special));
        }

        public Builder upper(Output<Boolean> upper) {
            $.upper = upper;
            return this;
        }

        public Builder upper(Boolean upper) {
            return upper(Output.of(upper));
        }

        public RandomPasswordArgs build() {
            if ($.length == null) {
                throw new IllegalStateException("RandomPasswordArgs: 'length' is required");
            }
            return $;
        }
    }
}
