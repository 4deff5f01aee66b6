package dev.cloudwarden.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudwarden.api.ApiCalls;
import dev.cloudwarden.api.CloudProvider;
import dev.cloudwarden.api.ResourceRef;
import dev.cloudwarden.api.TagOps;
import dev.cloudwarden.api.TagWriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link TagOps} must do on every cloud: list and find resources with their tags, add tags merging them into the
 * ones a resource has, remove keys whatever their values, and report a resource it could not write instead of failing
 * the rest. A cloud's test extends it and says how to make taggable resources there ({@link TaggedEstate}) and how to
 * connect its provider.
 *
 * <p>Keys are lowercase words with hyphens and never differ in case alone, which every cloud's tags and labels accept
 * (Azure's keys are case-insensitive).
 */
public abstract class TagOpsContract {
    private TaggedEstate estate;
    private CloudProvider provider;
    private TagOps tags;

    /** The estate this test seeds; made before the provider, closed after it. */
    protected abstract TaggedEstate createEstate();

    /** A provider of the estate's cloud and region, offering tags. */
    protected abstract CloudProvider createProvider();

    @BeforeEach
    final void connectTagContract() {
        estate = createEstate();
        provider = createProvider();
        tags = provider.tags().orElseThrow(() -> new AssertionError(provider.cloud() + " offers no tags"));
    }

    @AfterEach
    final void disconnectTagContract() throws Exception {
        if (provider != null) {
            provider.close();
        }
        if (estate != null) {
            estate.close();
        }
    }

    protected final TaggedEstate estate() {
        return estate;
    }

    protected final CloudProvider provider() {
        return provider;
    }

    protected final TagOps tags() {
        return tags;
    }

    @Test
    void listResources_findsEveryResourceOfTheType_onceEach_taggedOrNot_withItsTags() {
        String untagged = estate.resource(Map.of());
        String tagged = estate.resource(Map.of("owner", "team-a", "env", "prod"));
        String partly = estate.resource(Map.of("owner", "team-b"));

        List<ResourceRef> found = tags.listResources(Set.of(estate.type()));

        assertThat(tags.listsUntagged(estate.type())).isTrue();
        assertThat(found).extracting(ResourceRef::id).doesNotHaveDuplicates().contains(untagged, tagged, partly);
        assertThat(byId(found, tagged)).satisfies(ref -> {
            assertThat(ref.cloud()).isEqualTo(provider.cloud());
            assertThat(ref.region()).isEqualTo(provider.region());
            assertThat(ref.type()).isEqualTo(estate.type());
            assertThat(ref.tags().values()).isEqualTo(Map.of("owner", "team-a", "env", "prod"));
        });
        assertThat(byId(found, untagged).tags().values()).isEmpty();
        assertThat(byId(found, partly).tags().values()).isEqualTo(Map.of("owner", "team-b"));
    }

    @Test
    void findResources_answersTheNamedResources_leavingOutOnesThatNoLongerExist() {
        String kept = estate.resource(Map.of("owner", "team-a"));
        String gone = estate.resource(Map.of("owner", "team-b"));
        estate.resource(Map.of("owner", "team-c")); // not asked for
        estate.delete(gone);

        List<ResourceRef> found = tags.findResources(List.of(kept, gone));

        assertThat(found).extracting(ResourceRef::id).containsExactly(kept);
        assertThat(found.getFirst().tags().values()).isEqualTo(Map.of("owner", "team-a"));
        assertThat(tags.findResources(List.of())).isEmpty();
    }

    @Test
    void addTags_overwritesTheValueOfAKeyItHas_andKeepsItsOtherTags() {
        String resource = estate.resource(Map.of("env", "production", "team", "web"));

        TagWriteResult result = tags.addTags(tags.findResources(List.of(resource)), Map.of("env", "prod", "owner", "team-a"));

        assertThat(result.failed()).isEmpty();
        assertThat(result.succeeded(resource)).isTrue();
        assertThat(estate.tagsOf(resource)).isEqualTo(Map.of("env", "prod", "team", "web", "owner", "team-a"));
    }

    @Test
    void addTags_writesEveryResource_howeverManyBatchesTheCloudNeeds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            ids.add(estate.resource(i % 2 == 0 ? Map.of() : Map.of("env", "dev")));
        }

        TagWriteResult result = tags.addTags(tags.findResources(ids), Map.of("owner", "team-a"));

        assertThat(result.failed()).isEmpty();
        for (int i = 0; i < ids.size(); i++) {
            assertThat(estate.tagsOf(ids.get(i))).as(ids.get(i))
                    .isEqualTo(i % 2 == 0 ? Map.of("owner", "team-a") : Map.of("env", "dev", "owner", "team-a"));
        }
    }

    @Test
    void removeTags_removesOnlyTheNamedKeys_whateverTheirValues() {
        String first = estate.resource(Map.of("owner", "team-a", "env", "prod"));
        String second = estate.resource(Map.of("owner", "team-b", "env", "dev", "cost-center", "cc-1"));
        String third = estate.resource(Map.of("env", "test"));

        TagWriteResult result = tags.removeTags(tags.findResources(List.of(first, second, third)), Set.of("owner", "cost-center"));

        assertThat(result.failed()).isEmpty();
        assertThat(estate.tagsOf(first)).isEqualTo(Map.of("env", "prod"));
        assertThat(estate.tagsOf(second)).isEqualTo(Map.of("env", "dev"));
        assertThat(estate.tagsOf(third)).isEqualTo(Map.of("env", "test"));
    }

    @Test
    void writingNothing_sendsNothing_andChangesNothing() {
        String resource = estate.resource(Map.of("owner", "team-a"));
        List<ResourceRef> resources = tags.findResources(List.of(resource));
        ApiCalls before = provider.apiCalls();

        assertThat(tags.addTags(resources, Map.of())).isEqualTo(TagWriteResult.OK);
        assertThat(tags.removeTags(resources, Set.of())).isEqualTo(TagWriteResult.OK);
        assertThat(tags.addTags(List.of(), Map.of("owner", "team-b"))).isEqualTo(TagWriteResult.OK);
        assertThat(tags.removeTags(List.of(), Set.of("owner"))).isEqualTo(TagWriteResult.OK);

        assertThat(provider.apiCalls().since(before).total()).isZero();
        assertThat(estate.tagsOf(resource)).isEqualTo(Map.of("owner", "team-a"));
    }

    @Test
    void aResourceGoneBeforeTheWrite_isReportedFailed_notThrown() {
        String gone = estate.resource(Map.of("owner", "team-a"));
        List<ResourceRef> resources = tags.findResources(List.of(gone));
        estate.delete(gone); // deleted between the sweep and the write

        TagWriteResult result = tags.addTags(resources, Map.of("env", "prod"));

        assertThat(result.succeeded(gone)).isFalse();
        assertThat(result.failed().get(gone).operation()).isNotBlank();
    }

    private static ResourceRef byId(List<ResourceRef> resources, String id) {
        return resources.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no resource " + id + " in " + resources));
    }
}
