/**
 * What every cloud's provider must do, one abstract JUnit class per capability, published in this module's test-jar.
 *
 * <p>A cloud proves its provider by extending each contract in its own tests, against its emulator or a local server,
 * and the engine's in-memory cloud extends the same ones, so that what the engine's tests show over the in-memory cloud
 * holds against every real one. A contract seeds its estate through a small interface the subclass implements in its
 * cloud's own terms ({@link dev.cloudwarden.api.contract.FirewallEstate} …) and reads the state left behind through it,
 * never through the provider under test. Its assertions compare with what the seeding returned, never with a cloud's
 * id format or spelling: behaviour a cloud shows alone (EC2's rule keys, SNS's subject limit) stays in that cloud's
 * own tests.
 */
package dev.cloudwarden.api.contract;
