package dev.cloudwarden.aws;

import dev.cloudwarden.api.IpRange;
import dev.cloudwarden.api.Peer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * The EC2 managed prefix lists that the rules of one read of security groups reference, customer- or AWS-managed,
 * each read once for that read however many rules and groups reference it. A list's entries come from
 * GetManagedPrefixListEntries at its largest page (100), following every token; the names of the lists a page of
 * groups brings in come from one DescribeManagedPrefixLists filtered on their ids. The entries are read first, so
 * that a list that cannot be read (deleted, no longer shared with the account, access denied) fails the read with
 * an error naming ec2:GetManagedPrefixListEntries and the list, and is never taken for an empty, safe one.
 *
 * <p>Nothing is kept from one read to the next: a list can change at any time, and each run must see it as it is.
 */
final class PrefixLists {
    /** GetManagedPrefixListEntries' and DescribeManagedPrefixLists' MaxResults: 1 to 100. */
    static final int MAX_PAGE_SIZE = 100;
    static final String GET_ENTRIES = "ec2:GetManagedPrefixListEntries";
    static final String DESCRIBE = "ec2:DescribeManagedPrefixLists";

    private final Ec2Client ec2;
    private final Map<String, Peer.AddressSet> read = new HashMap<>();

    PrefixLists(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /** Reads every list that the rules of {@code groups}, ingress and egress, reference and that is not read yet. */
    void readReferencedBy(List<SecurityGroup> groups) {
        Set<String> ids = new TreeSet<>(); // sorted: the same estate is read with the same calls, in the same order
        for (SecurityGroup group : groups) {
            Stream.concat(group.ipPermissions().stream(), group.ipPermissionsEgress().stream())
                    .flatMap(permission -> permission.prefixListIds().stream())
                    .map(PrefixListId::prefixListId)
                    .filter(id -> !read.containsKey(id))
                    .forEach(ids::add);
        }
        if (ids.isEmpty()) {
            return;
        }
        Map<String, List<IpRange>> entries = new LinkedHashMap<>();
        ids.forEach(id -> entries.put(id, entries(ec2, id)));
        Map<String, String> names = names(ids);
        entries.forEach((id, cidrs) -> read.put(id, new Peer.AddressSet(id, names.getOrDefault(id, ""), cidrs)));
    }

    /** A list {@link #readReferencedBy} read. */
    Peer.AddressSet get(String id) {
        Peer.AddressSet list = read.get(id);
        if (list == null) {
            throw new IllegalStateException("prefix list " + id + " was not read before the rule referencing it");
        }
        return list;
    }

    /** The entries of one list, every page of them; a list that cannot be read is a CloudException naming it. */
    static List<IpRange> entries(Ec2Client ec2, String id) {
        try {
            return ec2.getManagedPrefixListEntriesPaginator(r -> r.prefixListId(id).maxResults(MAX_PAGE_SIZE)).entries()
                    .stream().map(entry -> IpRange.parse(entry.cidr())).toList();
        } catch (SdkException e) {
            throw AwsErrors.translate(GET_ENTRIES, "prefix list " + id, e);
        }
    }

    /**
     * The names of these lists, by id: one DescribeManagedPrefixLists per 100 ids, each answered in one page of
     * 100. The ids go in a filter, which matches nothing for an id that is gone instead of failing the call (the
     * entries were read just before, so the list existed).
     */
    private Map<String, String> names(Set<String> ids) {
        Map<String, String> names = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += MAX_PAGE_SIZE) {
            List<String> batch = all.subList(from, Math.min(from + MAX_PAGE_SIZE, all.size()));
            try {
                ec2.describeManagedPrefixListsPaginator(r -> r.maxResults(MAX_PAGE_SIZE)
                                .filters(Filter.builder().name("prefix-list-id").values(batch).build()))
                        .prefixLists().forEach(list -> names.put(list.prefixListId(), list.prefixListName()));
            } catch (SdkException e) {
                throw AwsErrors.translate(DESCRIBE, "prefix lists " + String.join(", ", batch), e);
            }
        }
        return names;
    }
}
