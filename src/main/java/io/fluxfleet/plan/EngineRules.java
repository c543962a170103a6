package io.fluxfleet.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every rule of the engine and of a provider that {@code fluxfleet plan} applies, one row each, with where it comes
 * from at the version fluxfleet runs: the Pulumi CLI 3.257.0 (the oldest fluxfleet accepts, README "Prerequisites"),
 * pulumi-kubernetes 4.32.0 ({@code KubernetesPlugin}), terraform-provider-gitlab as bridged by pulumi-gitlab 10.1.1.
 * Per-type replacement paths are the rows of {@link ReplacementRules}; this table holds the rest, and the plan names a
 * row's id where it applies it. README "Day 2" shows this table ({@code EngineRulesReadmeTest} holds it to the code).
 *
 * <p>Another rule is one more {@link #row} (ids are short, stable, kebab-case). A rule that lives with its own code in
 * another file of this package declares its row there with {@link #row} and adds that class to {@link #OTHER_FILES},
 * which {@link #all} loads first, so the table (and README's copy of it) is complete and in a fixed order whichever
 * class the JVM happened to load first.
 */
public final class EngineRules {

    /**
     * One rule.
     *
     * @param id     stable short name the plan cites
     * @param rule   what the engine or provider does, in one sentence
     * @param source repository, version, file and function (and the line's gist)
     * @param url    a link to the file at that version
     */
    public record Rule(String id, String rule, String source, String url) {}

    private static final List<Rule> ROWS = new ArrayList<>();

    static final String PULUMI = "pulumi/pulumi v3.257.0 ";
    static final String PULUMI_URL = "https://github.com/pulumi/pulumi/blob/v3.257.0/";
    static final String K8S = "pulumi/pulumi-kubernetes v4.32.0 ";
    static final String K8S_URL = "https://github.com/pulumi/pulumi-kubernetes/blob/v4.32.0/";

    /** Adds a row; ids are unique. */
    public static synchronized Rule row(String id, String rule, String source, String url) {
        for (Rule r : ROWS) {
            if (r.id().equals(id)) {
                throw new IllegalStateException("engine rule " + id + " is defined twice");
            }
        }
        Rule r = new Rule(id, rule, source, url);
        ROWS.add(r);
        return r;
    }

    public static final Rule MATCH_BY_URN_OR_ALIAS = row("match",
            "A registration continues the old resource of the same URN, or of one of its aliases; anything else is a create.",
            PULUMI + "pkg/resource/deploy/step_generator.go generateSteps / getOldResource",
            PULUMI_URL + "pkg/resource/deploy/step_generator.go");
    public static final Rule PROVIDER_REFERENCE = row("provider-ref",
            "A changed provider reference (another provider URN, or a replaced provider's new ID) is not a replacement by"
                    + " itself: the engine asks the new provider's DiffConfig with the old and new provider inputs and"
                    + " replaces only if it answers with replace keys (pulumi #18509, since 3.151.0); an aliased provider"
                    + " is no change.",
            PULUMI + "pkg/resource/deploy/step_generator.go providerChanged",
            PULUMI_URL + "pkg/resource/deploy/step_generator.go");
    public static final Rule K8S_DIFF_CONFIG = row("k8s-diffconfig",
            "pulumi-kubernetes DiffConfig: a changed clusterIdentifier replaces; an unchanged, set clusterIdentifier"
                    + " replaces nothing; adding or removing it is an update; otherwise kubeconfig/context/cluster replace"
                    + " only when both sides carry a kubeconfig whose active cluster differs (a context alone is never"
                    + " compared) or the new value is unknown; renderYamlToDirectory replaces.",
            K8S + "provider/pkg/provider/provider.go DiffConfig (clusterIdentifierKey), util.go getActiveClusterFromConfig",
            K8S_URL + "provider/pkg/provider/provider.go");
    public static final Rule PROVIDER_REPLACED = row("provider-replaced",
            "A resource whose provider is replaced is replaced with it (its provider reference changes and the same"
                    + " DiffConfig answers replace), created on the new provider before the old copy is deleted.",
            PULUMI + "pkg/resource/deploy/step_generator.go providerChanged, diff (ReplaceKeys \"provider\")",
            PULUMI_URL + "pkg/resource/deploy/step_generator.go");
    public static final Rule K8S_REPLACE = row("k8s-replace",
            "pulumi-kubernetes Diff replaces only for a changed metadata.name / metadata.namespace and the fixed"
                    + " forceNew list of the object's group/version/kind (ReplacementRules); an apiVersion or kind change"
                    + " under an alias is an update.",
            K8S + "provider/pkg/provider/provider.go Diff (forceNewFields), diff.go forceNewProperties / forceNew",
            K8S_URL + "provider/pkg/provider/diff.go");
    public static final Rule K8S_DELETE_FIRST = row("k8s-dbr",
            "pulumi-kubernetes asks to delete before replace when a named object is replaced under the same name and"
                    + " namespace; the deleteBeforeReplace option overrides the provider either way.",
            K8S + "provider/pkg/provider/provider.go Diff (deleteBeforeReplace := ...)",
            K8S_URL + "provider/pkg/provider/provider.go");
    public static final Rule PROTECTED_REPLACE = row("protect-replace",
            "A replacement is refused when the resource is protected in the state and in the program; preview reports"
                    + " it and goes on, an update bails at once.",
            PULUMI + "pkg/resource/deploy/step_generator.go continueStepsFromDiff (new.Protect && old.Protect)",
            PULUMI_URL + "pkg/resource/deploy/step_generator.go");
    public static final Rule DELETE_FIRST_DEPENDENTS = row("dbr-dependents",
            "A delete-before-replace first deletes the dependents it would replace (their provider is replaced, or an"
                    + " input flowing from it forces their replacement); a protected one among them stops the run"
                    + " (BailErrorf, in preview too).",
            PULUMI + "pkg/resource/deploy/step_generator.go continueStepsFromDiff, calculateDependentReplacements",
            PULUMI_URL + "pkg/resource/deploy/step_generator.go");
    public static final Rule IMPORT_ID_KEPT = row("import-replace",
            "A program that still gives an import ID may not replace the resource (preview warns, update errors).",
            PULUMI + "pkg/resource/deploy/step_generator.go continueStepsFromDiff (goal.ID != \"\")",
            PULUMI_URL + "pkg/resource/deploy/step_generator.go");
    public static final Rule IMPORT_ID_CHANGED = row("re-import",
            "A changed import ID is an ImportReplacementStep: the object at the new ID is imported and the old one"
                    + " deleted as a replacement's delete; protect is not checked for either.",
            PULUMI + "pkg/resource/deploy/step_generator.go continueStepsFromRefresh (isImport, NewImportReplacementStep),"
                    + " step.go DeleteStep.Apply (!s.replacing)",
            PULUMI_URL + "pkg/resource/deploy/step_generator.go");
    public static final Rule CREATE_BEFORE_DELETE = row("replace-order",
            "A replacement creates the new copy at registration and deletes the old one after every registration,"
                    + " unless it is delete-before-replace.",
            PULUMI + "pkg/resource/deploy/step_generator.go continueStepsFromDiff (\"the delete step is generated"
                    + " 'later' on\")",
            PULUMI_URL + "pkg/resource/deploy/step_generator.go");
    public static final Rule DELETE_ORDER = row("delete-order",
            "Deletes run in antichains, each resource after everything that depends on it.",
            PULUMI + "pkg/resource/deploy/step_generator.go ScheduleDeletes",
            PULUMI_URL + "pkg/resource/deploy/step_generator.go");
    public static final Rule PROTECTED_DELETE = row("protect-delete",
            "Deleting a resource the state holds as protected is refused, whatever the program says now and even with"
                    + " retainOnDelete.",
            PULUMI + "pkg/resource/deploy/step.go DeleteStep.Apply (deleteProtectedError)",
            PULUMI_URL + "pkg/resource/deploy/step.go");
    public static final Rule CONTINUE_PAST_PROTECTED_DELETE = row("continue-past-delete",
            "The engine goes on past a refused protected delete: later antichains skip only the resources the refused"
                    + " one depends on, every other delete runs (and a protected one among the skipped is never"
                    + " reported).",
            PULUMI + "pkg/resource/deploy/step_executor.go cancelDueToError (deleteProtectedError),"
                    + " deployment_executor.go performPostSteps (erroredDeps)",
            PULUMI_URL + "pkg/resource/deploy/deployment_executor.go");
    public static final Rule PREVIEW_FIRST = row("preview-first",
            "`pulumi up` runs a preview first and stops if it fails; only --skip-preview applies steps before a refusal.",
            PULUMI + "pkg/backend/apply.go PreviewThenPromptThenExecute",
            PULUMI_URL + "pkg/backend/apply.go");
    public static final Rule RETAIN_ON_DELETE = row("retain",
            "Deleting a retainOnDelete resource (a replaced one too) drops it from the state and leaves the object.",
            PULUMI + "pkg/resource/deploy/step.go DeleteStep.Apply (s.old.RetainOnDelete)",
            PULUMI_URL + "pkg/resource/deploy/step.go");
    public static final Rule UPSERT_ADOPTS = row("upsert",
            "With upsertExistingObjects a create of an object that exists adopts it (server-side apply); deleting any"
                    + " URN that holds the object deletes it. A new URN over a live object whose old URN the program"
                    + " drops therefore adopts it, then deletes it (pulumi-kubernetes #2948); without upsert the create"
                    + " fails with AlreadyExists.",
            K8S + "provider/pkg/await/await.go Creation (c.UpsertExistingObjects: server-side apply instead of a"
                    + " create); sdk/go/kubernetes/provider.go ProviderArgs.UpsertExistingObjects (\"When a Pulumi"
                    + " resource is renamed without using aliases, the engine plans a create followed by a delete"
                    + " targeting the same cluster object ... the subsequent delete removes it\")",
            K8S_URL + "provider/pkg/await/await.go");
    public static final Rule GITLAB_UNIQUE = row("gitlab-unique",
            "GitLab holds one protection per branch: creating one while the old still exists fails.",
            "gitlabhq/terraform-provider-gitlab v19.2.1 internal/provider/resource_gitlab_branch_protection.go Create",
            "https://gitlab.com/gitlab-org/terraform-provider-gitlab/-/blob/v19.2.1/internal/provider/resource_gitlab_branch_protection.go");

    /** Classes of this package that declare rows of their own; loaded before the table is read. */
    static final List<String> OTHER_FILES = List.of();

    private EngineRules() {}

    /** Every rule: this file's in the order they are declared, then those of {@link #OTHER_FILES}, in that order. */
    public static List<Rule> all() {
        for (String name : OTHER_FILES) {
            try {
                Class.forName(EngineRules.class.getPackageName() + "." + name, true, EngineRules.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("EngineRules.OTHER_FILES names " + name + ", which does not exist", e);
            }
        }
        synchronized (EngineRules.class) {
            return Collections.unmodifiableList(new ArrayList<>(ROWS));
        }
    }

    /** The rows as the Markdown table README "Day 2" shows. */
    public static String markdownTable() {
        StringBuilder md = new StringBuilder("| rule | what the engine or provider does | source |\n|---|---|---|\n");
        for (Rule r : all()) {
            md.append("| `").append(r.id()).append("` | ").append(r.rule().replace("|", "\\|")).append(" | [")
                    .append(r.source().replace("|", "\\|")).append("](").append(r.url()).append(") |\n");
        }
        return md.toString();
    }
}
