package io.fluxfleet.random;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.core.internal.Codegen;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * {@code random:index/randomPassword:RandomPassword} of the Pulumi random provider, written the way the generated
 * SDK is (pulumi-random does not publish its Java SDK to Maven Central). Identical to {@code RandomString} except
 * that {@code result} is a secret; so is {@code bcryptHash}. The value is generated once and kept in the stack's
 * state; it changes only when an input or {@code keepers} changes.
 */
@ResourceType(type = "random:index/randomPassword:RandomPassword")
public class RandomPassword extends CustomResource {
    /** A bcrypt hash of the generated random string. **NOTE**: If the generated random string is greater than 72 bytes in length, `bcrypt_hash` will contain a hash of the first 72 bytes. */
    @Export(name = "bcryptHash", refs = {String.class}, tree = "[0]")
    private Output<String> bcryptHash;

    public Output<String> bcryptHash() {
        return this.bcryptHash;
    }

    /** Arbitrary map of values that, when changed, will trigger recreation of the resource. */
    @Export(name = "keepers", refs = {Map.class, String.class}, tree = "[0,1,1]")
    private Output<Map<String, String>> keepers;

    public Output<Map<String, String>> keepers() {
        return this.keepers;
    }

    /** The length of the string desired. The minimum value for length is 1 and, length must also be >= (`min_upper` + `min_lower` + `min_numeric` + `min_special`). */
    @Export(name = "length", refs = {Integer.class}, tree = "[0]")
    private Output<Integer> length;

    public Output<Integer> length() {
        return this.length;
    }

    /** Include lowercase alphabet characters in the result. Default value is `true`. */
    @Export(name = "lower", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> lower;

    public Output<Boolean> lower() {
        return this.lower;
    }

    /** Minimum number of lowercase alphabet characters in the result. Default value is `0`. */
    @Export(name = "minLower", refs = {Integer.class}, tree = "[0]")
    private Output<Integer> minLower;

    public Output<Integer> minLower() {
        return this.minLower;
    }

    /** Minimum number of numeric characters in the result. Default value is `0`. */
    @Export(name = "minNumeric", refs = {Integer.class}, tree = "[0]")
    private Output<Integer> minNumeric;

    public Output<Integer> minNumeric() {
        return this.minNumeric;
    }

    /** Minimum number of special characters in the result. Default value is `0`. */
    @Export(name = "minSpecial", refs = {Integer.class}, tree = "[0]")
    private Output<Integer> minSpecial;

    public Output<Integer> minSpecial() {
        return this.minSpecial;
    }

    /** Minimum number of uppercase alphabet characters in the result. Default value is `0`. */
    @Export(name = "minUpper", refs = {Integer.class}, tree = "[0]")
    private Output<Integer> minUpper;

    public Output<Integer> minUpper() {
        return this.minUpper;
    }

    /** Include numeric characters in the result. Default value is `true`. */
    @Export(name = "numeric", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> numeric;

    public Output<Boolean> numeric() {
        return this.numeric;
    }

    /** Supply your own list of special characters to use for string generation. This overrides the default character list in the special argument. The `special` argument must still be set to true for any overwritten characters to be used in generation. */
    @Export(name = "overrideSpecial", refs = {String.class}, tree = "[0]")
    private Output<String> overrideSpecial;

    public Output<String> overrideSpecial() {
        return this.overrideSpecial;
    }

    /** The generated random string. */
    @Export(name = "result", refs = {String.class}, tree = "[0]")
    private Output<String> result;

    public Output<String> result() {
        return this.result;
    }

    /** Include special characters in the result. These are `!@#$%&*()-_=+[]{}<>:?`. Default value is `true`. */
    @Export(name = "special", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> special;

    public Output<Boolean> special() {
        return this.special;
    }

    /** Include uppercase alphabet characters in the result. Default value is `true`. */
    @Export(name = "upper", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> upper;

    public Output<Boolean> upper() {
        return this.upper;
    }

    /**
     * @param name the unique name of the resource
     */
    public RandomPassword(String name) {
        this(name, RandomPasswordArgs.Empty);
    }

    /**
     * @param name the unique name of the resource
     * @param args the arguments to use to populate this resource's properties
     */
    public RandomPassword(String name, RandomPasswordArgs args) {
        this(name, args, null);
    }

    /**
     * @param name    the unique name of the resource
     * @param args    the arguments to use to populate this resource's properties
     * @param options a bag of options that control this resource's behavior
     */
    public RandomPassword(String name, RandomPasswordArgs args, CustomResourceOptions options) {
        super("random:index/randomPassword:RandomPassword", name, args == null ? RandomPasswordArgs.Empty : args,
                makeResourceOptions(options, Codegen.empty()));
    }

    private RandomPassword(String name, Output<String> id, CustomResourceOptions options) {
        super("random:index/randomPassword:RandomPassword", name, null, makeResourceOptions(options, id));
    }

    private static CustomResourceOptions makeResourceOptions(CustomResourceOptions options, Output<String> id) {
        CustomResourceOptions merged = RandomPlugin.withDefaults(options, "bcryptHash", "result");
        return id == null ? merged : CustomResourceOptions.merge(merged, CustomResourceOptions.builder().id(id).build());
    }

    /**
     * Get an existing RandomPassword's state with the given name and ID.
     *
     * @param name    the unique name of the resulting resource
     * @param id      the unique provider ID of the resource to lookup
     * @param options optional settings to control the behavior of the CustomResource
     */
    public static RandomPassword get(String name, Output<String> id, CustomResourceOptions options) {
        return new RandomPassword(name, id, options);
    }
}
