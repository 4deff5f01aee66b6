package dev.cloudwarden.azureemulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The estate the demo shows and the command line's Azure test runs against: four NSGs as an engineer finds them. The
 * internet reaches a VM through its subnet's NSG ({@code nsg-web}: RDP open to {@code *}) and another through its NIC's
 * ({@code nsg-db}: PostgreSQL open to {@code Any}); SSH from the internet is denied ahead of an allow ({@code nsg-db}),
 * and a NIC's allow ({@code nsg-app}) sits behind a subnet NSG with only Azure's default rules ({@code nsg-app-subnet}).
 */
public final class DemoEstate {
    private DemoEstate() {
    }

    /** Seeds the estate; returns each NSG's name and id, in the order above. */
    public static Map<String, String> seed(ArmServer arm) {
        Map<String, String> groups = new LinkedHashMap<>();
        String web = arm.putNsg("rg-web", "nsg-web", "westeurope",
                ArmRule.inbound("rdp-anywhere", 100).allow().protocol("Tcp").sources("*").ports("3389").build(),
                ArmRule.inbound("https", 110).allow().protocol("Tcp").sources("Internet").ports("443").build());
        arm.putNic("rg-web", "vm-web-nic", arm.putSubnet("rg-net", "vnet-prod", "web", web), null);
        groups.put("nsg-web", web);
        String db = arm.putNsg("rg-db", "nsg-db", "westeurope",
                ArmRule.inbound("deny-ssh-internet", 100).deny().protocol("Tcp").sources("Internet").ports("22").build(),
                ArmRule.inbound("ssh", 200).allow().protocol("Tcp").sources("*").ports("22").build(),
                ArmRule.inbound("postgres-any", 300).allow().protocol("Tcp").sources("Any").ports("5432").build());
        arm.putNic("rg-db", "vm-db-nic", arm.putSubnet("rg-net", "vnet-prod", "db", null), db);
        groups.put("nsg-db", db);
        String app = arm.putNsg("rg-app", "nsg-app", "westeurope",
                ArmRule.inbound("ssh-internet", 100).allow().protocol("Tcp").sources("Internet").ports("22").build());
        String appSubnetNsg = arm.putNsg("rg-net", "nsg-app-subnet", "westeurope");
        arm.putNic("rg-app", "vm-app-nic", arm.putSubnet("rg-net", "vnet-prod", "app", appSubnetNsg), app);
        groups.put("nsg-app", app);
        groups.put("nsg-app-subnet", appSubnetNsg);
        return groups;
    }
}
