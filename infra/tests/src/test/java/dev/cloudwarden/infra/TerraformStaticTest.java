package dev.cloudwarden.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code terraform fmt -check} and {@code terraform validate} on the module and every example. */
class TerraformStaticTest {

    @Test
    void everyFile_isFormatted() {
        Terraform terraform = Terraform.withProviders();
        Tools.Result fmt = terraform.run(Repo.TERRAFORM_AWS, "fmt", "-check", "-recursive", "-diff");
        assertThat(fmt.exitCode()).as("terraform fmt -check -recursive infra/terraform/aws; unformatted:\n%s", fmt.output()).isZero();
    }

    @Test
    void theModuleAndEveryExample_validate(@TempDir Path work) {
        Terraform terraform = Terraform.withProviders();
        Path tree = Terraform.copyOfTree(work);
        for (Path root : Repo.terraformRoots()) {
            Path copy = tree.resolve(Repo.TERRAFORM_AWS.relativize(root).toString());
            terraform.ok(copy, "init", "-backend=false", "-no-color");
            Tools.Result validate = terraform.ok(copy, "validate", "-no-color");
            assertThat(validate.output()).as(root.toString()).contains("Success!");
        }
    }
}
