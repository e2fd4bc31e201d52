import { describe, expect, it } from "vitest";
import { addressKey } from "./peer-address.js";

describe("addressKey", () => {
  it("keeps IPv4, reads IPv4-mapped IPv6 as IPv4, and counts IPv6 by its /64 however it is written", () => {
    const cases: [string, string][] = [
      ["203.0.113.7", "203.0.113.7"],
      ["::ffff:203.0.113.7", "203.0.113.7"],
      ["::FFFF:203.0.113.7", "203.0.113.7"],
      ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
      ["2001:0DB8:0001:0002:0000:0000:0000:0001", "2001:db8:1:2::/64"],
      ["2001:db8::1", "2001:db8:0:0::/64"],
      ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
      ["fe80::1%eth0", "fe80:0:0:0::/64"],
      ["::1", "0:0:0:0::/64"],
      ["::", "0:0:0:0::/64"],
      ["64:ff9b::198.51.100.1", "64:ff9b:0:0::/64"],
    ];
    expect(cases.map(([a]) => [a, addressKey(a)])).toEqual(cases);
  });
});
