package io.fluxfleet.plan;

import java.util.List;

/** The engine's words for what it refuses, and fluxfleet's advice on each. */
final class Refusals {
    private Refusals() {}

    /** Where a protected, retained resource the program dropped comes from, as far as its name tells. */
    static String origin(PlannedResource r) {
        String seedBranch = io.fluxfleet.config.Environment.first().branch();
        if (r.type().equals("gitlab:index/repositoryFile:RepositoryFile")
                && !r.inputs().path("branch").asText(seedBranch).equals(seedBranch)) {
            return "a seed file an earlier fluxfleet committed on " + r.inputs().path("branch").asText()
                    + " and protected; seeds are now committed once, on " + seedBranch + ", and never protected";
        }
        return "an earlier fluxfleet or an earlier program protected it";
    }

    /**
     * One reviewed command that clears the protect bit of every protected, retained resource the program dropped, so
     * the next {@code pulumi up} forgets them and leaves the objects. {@code pulumi state unprotect} takes several
     * URNs (pulumi/pulumi pkg/cmd/pulumi/state/state_unprotect.go: variadic "resource-urn", {@code --stack},
     * {@code --yes}); the stack is the URN's second field ({@code urn:pulumi:<stack>::<project>::...}).
     */
    static String unprotectNote(List<String> urns) {
        return urns.size() + " resource(s) the program no longer registers are protected and retained in the state"
                + " (README \"Upgrading from an earlier fluxfleet\"). Clear their protection in one reviewed step, then"
                + " run `pulumi up`, which drops them from the state and leaves the objects in place:\n" + unprotectCommand(urns);
    }

    /**
     * One reviewed command that clears the protect bit of every protected resource the program dropped and the engine
     * would delete (not retained), those refused now and those held back behind them (which the engine would refuse
     * next), so that the next {@code pulumi up} deletes them all in one run (README "Switching to the platform
     * project").
     */
    static String unprotectToDeleteNote(List<String> urns) {
        return urns.size() + " resource(s) the program no longer registers are protected in the state, and `pulumi up`"
                + " would delete them (the refused ones and those held back behind them). If their removal is intended,"
                + " clear their protection in one reviewed step, then run `pulumi up`, which deletes them:\n" + unprotectCommand(urns);
    }

    /** {@code pulumi state unprotect} of {@code urns}, one URN per line, for the stack the first URN names. */
    private static String unprotectCommand(List<String> urns) {
        String stack = urns.get(0).split("::")[0].substring("urn:pulumi:".length());
        StringBuilder cmd = new StringBuilder("pulumi state unprotect --stack " + stack + " --yes");
        for (String urn : urns) {
            cmd.append(" \\\n    '").append(urn).append('\'');
        }
        return cmd.toString();
    }

    /**
     * The engine's words, as of the oldest CLI fluxfleet runs under (3.257.0): pulumi/pulumi v3.257.0
     * pkg/resource/deploy/step.go {@code deleteProtectedError}, "resource %[1]q cannot be deleted\nbecause it is
     * protected. ... `pulumi state unprotect %[2]s`", the second the URN's {@code Quote()} (single quotes, off Windows).
     */
    static String deleteMessage(PlannedResource r) {
        return "resource \"" + r.urn() + "\" cannot be deleted\nbecause it is protected. To unprotect the resource,"
                + " either remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`, or"
                + " use the command:\n`pulumi state unprotect '" + r.urn() + "'`";
    }

    static String replaceAdvice(PlannedResource r, List<String> keys) {
        String stack = r.urn().startsWith("urn:pulumi:") ? r.urn().split("::")[0].substring("urn:pulumi:".length()) : "<stack>";
        return "a change to " + String.join(", ", keys) + " replaces " + r.label() + ", which is protected: undo the"
                + " change, or, if the replacement is intended, lift this one resource's protection in a reviewed step"
                + " (`pulumi state unprotect --stack " + stack + " --yes '" + r.urn() + "'`) and run `pulumi up`, which"
                + " replaces it and protects the new one again";
    }

    /**
     * pulumi/pulumi v3.257.0 step_generator.go continueStepsFromDiff: "unable to replace resource %q\nas it is
     * currently marked for protection. ..." ({@link EngineRules#PROTECTED_REPLACE}).
     */
    static String replaceMessage(PlannedResource r) {
        return "unable to replace resource \"" + r.urn() + "\"\nas it is currently marked for protection. To unprotect"
                + " the resource, remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`";
    }

    /**
     * The same function, for a protected dependent of a delete-before-replace ({@link EngineRules#DELETE_FIRST_DEPENDENTS}):
     * "unable to replace resource %q as part of replacing %q as it is currently marked for protection. ...".
     */
    static String dependentReplaceMessage(PlannedResource dependent, PlannedResource root) {
        return "unable to replace resource \"" + dependent.urn() + "\" as part of replacing \"" + root.urn() + "\" as it"
                + " is currently marked for protection. To unprotect the resource, remove the `protect` flag from the"
                + " resource in your Pulumi program and run `pulumi up`, or use the command:\n`pulumi state unprotect '"
                + dependent.urn() + "'`";
    }

    /** The same function, when the goal still carries an import ID ({@link EngineRules#IMPORT_ID_KEPT}). */
    static final String IMPORTED_REPLACE = "previously-imported resources that still specify an ID may not be replaced;"
            + " please remove the `import` declaration from your program";
}
