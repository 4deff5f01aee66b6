#!/usr/bin/env python3
"""The benches' one seeder: N security groups in the default VPC of a fresh moto server, a realistic mix of ten
kinds (six of them exposed to the internet on a sensitive port as both tools define it).

Used by compare.py (imported) and coldstart.py (run: python seed.py MOTO_URL N, with a Python that has boto3).
One call at a time: moto's backend is not thread-safe (concurrent creates failed with an HTML 500, "dictionary
changed size during iteration").
"""
import sys

import boto3

REGION = "us-east-1"


def seed_security_groups(endpoint, count):
    """count groups in the default VPC, one of ten kinds each; returns the ids each kind got."""
    ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name=REGION, aws_access_key_id="bench",
                       aws_secret_access_key="bench")
    peer = ec2.create_security_group(GroupName="bench-peer", Description="referenced by other groups")["GroupId"]
    tcp = lambda port, to=None, cidr="0.0.0.0/0": {"IpProtocol": "tcp", "FromPort": port, "ToPort": to or port,
                                                   "IpRanges": [{"CidrIp": cidr}]}
    kinds = [
        ("ssh-open", [tcp(22)]),
        ("all-traffic-open", [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]),
        ("wide-range-open", [tcp(1000, 2000)]),  # covers mssql 1433 and oracle 1521
        ("rdp-open-ipv6", [{"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}]),
        ("https-only", [tcp(443)]),
        ("internal-ssh", [tcp(22, cidr="10.0.0.0/8")]),
        ("group-reference", [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "UserIdGroupPairs": [{"GroupId": peer}]}]),
        ("empty", []),
        ("mysql-half-internet", [tcp(3306, cidr="0.0.0.0/1")]),
        ("memcached-udp-and-icmp", [{"IpProtocol": "udp", "FromPort": 11211, "ToPort": 11211, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
                                    {"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]),
    ]
    ids = {name: [] for name, _ in kinds}
    for i in range(count):
        name, permissions = kinds[i % len(kinds)]
        group = ec2.create_security_group(GroupName=f"bench-{i:05d}-{name}", Description=name)["GroupId"]
        if permissions:
            ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=permissions)
        ids[name].append(group)
        if (i + 1) % 1000 == 0:
            print(f"  seeded {i + 1} groups", file=sys.stderr)
    return ids


if __name__ == "__main__":
    kinds = seed_security_groups(sys.argv[1], int(sys.argv[2]))
    print(f"seeded {sum(len(ids) for ids in kinds.values())} security groups")
