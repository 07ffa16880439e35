"""Microsoft's Azure SDK for Python against fluxdeck-sandbox: the sandbox must look like Azure
to a real client. Run by ctest; FLUXDECK_SANDBOX names the fluxdeck-sandbox binary."""

import json
import os
import subprocess
import tempfile
import time
import unittest

from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
from azure.identity import ClientSecretCredential
from azure.mgmt.containerservice import ContainerServiceClient
from azure.mgmt.hybridkubernetes import ConnectedKubernetesClient
from azure.mgmt.kubernetesconfiguration import SourceControlConfigurationClient
from azure.mgmt.kubernetesconfiguration import models as config_models
from azure.mgmt.resource import ResourceManagementClient, SubscriptionClient
from azure.mgmt.resourcegraph import ResourceGraphClient
from azure.mgmt.resourcegraph import models as graph_models

PROD = "6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5"
DEV = "7a2b3c4d-5e6f-4a7b-9c8d-e0f1a2b3c4d5"


class SandboxWithAzureSdk(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.state = tempfile.TemporaryDirectory()
        cls.process = subprocess.Popen(
            [os.environ["FLUXDECK_SANDBOX"], "--listen", "127.0.0.1:0", "--state", cls.state.name,
             "--page-size", "2", "--operation-ms", "300"],
            stdout=subprocess.PIPE, text=True)
        line = cls.process.stdout.readline()
        if not line:
            raise RuntimeError("fluxdeck-sandbox exited before announcing itself")
        cls.cloud = json.loads(line)
        # requests (under azure-core and MSAL) trusts this bundle: the sandbox's own CA only.
        os.environ["REQUESTS_CA_BUNDLE"] = cls.cloud["caCertificate"]
        arm = cls.cloud["armEndpoint"]
        cls.credential = ClientSecretCredential(
            cls.cloud["tenantId"], cls.cloud["clientId"], cls.cloud["clientSecret"],
            authority=cls.cloud["authority"], disable_instance_discovery=True)
        cls.options = {"base_url": arm, "credential_scopes": [arm + "/.default"]}

    @classmethod
    def tearDownClass(cls):
        cls.process.terminate()
        code = cls.process.wait(timeout=20)
        cls.state.cleanup()
        if code != 0:
            raise RuntimeError(f"fluxdeck-sandbox exited with {code} on SIGTERM, expected 0")

    def test_subscriptions_and_resource_groups(self):
        subscriptions = SubscriptionClient(self.credential, **self.options)
        ids = sorted(s.subscription_id for s in subscriptions.subscriptions.list())
        self.assertEqual(ids, sorted([PROD, DEV]))
        resources = ResourceManagementClient(self.credential, PROD, **self.options)
        self.assertEqual(sorted(g.name for g in resources.resource_groups.list()), ["rg-edge", "rg-factory", "rg-gitops-prod"])
        provider = resources.providers.get("Microsoft.KubernetesConfiguration")
        self.assertEqual(provider.registration_state, "Registered")

    def test_provider_registration(self):
        resources = ResourceManagementClient(self.credential, DEV, **self.options)
        self.assertEqual(resources.providers.get("Microsoft.KubernetesConfiguration").registration_state,
                         "NotRegistered")
        self.assertEqual(resources.providers.register("Microsoft.KubernetesConfiguration").registration_state,
                         "Registering")

    def test_managed_and_connected_clusters(self):
        aks = ContainerServiceClient(self.credential, PROD, **self.options)
        clusters = {c.name: c for c in aks.managed_clusters.list()}   # paged: page size 2
        self.assertEqual(sorted(clusters), ["aks-legacy-spn", "aks-prod-eastus"])
        self.assertEqual(clusters["aks-prod-eastus"].identity.type, "SystemAssigned")
        self.assertIsNone(clusters["aks-legacy-spn"].identity)
        self.assertNotEqual(clusters["aks-legacy-spn"].service_principal_profile.client_id, "msi")
        credentials = aks.managed_clusters.list_cluster_user_credentials("rg-gitops-prod", "aks-prod-eastus")
        kubeconfig = credentials.kubeconfigs[0].value.decode()
        self.assertIn(self.cloud["armEndpoint"] + "/k8s/", kubeconfig)

        arc = ConnectedKubernetesClient(self.credential, PROD, **self.options)
        connected = {c.name: c for c in arc.connected_cluster.list_by_subscription()}
        self.assertEqual(sorted(connected),
                         ["arc-edge-arm64", "arc-factory-doha", "arc-factory-pi", "arc-retail-store-01"])
        self.assertEqual(connected["arc-edge-arm64"].distribution, "k3s")
        self.assertEqual(connected["arc-edge-arm64"].connectivity_status, "Connected")

    def test_extension_and_flux_configuration(self):
        config = SourceControlConfigurationClient(self.credential, PROD, **self.options)
        scope = ("rg-edge", "Microsoft.Kubernetes", "connectedClusters", "arc-edge-arm64")

        extension = config.extensions.begin_create(
            *scope, "flux",
            config_models.Extension(extension_type="microsoft.flux", auto_upgrade_minor_version=True,
                                    configuration_settings={"helm-controller.detectDrift": "true"})).result()
        self.assertEqual(extension.provisioning_state, "Succeeded")
        self.assertTrue(extension.current_version.startswith("1."))

        flux = config_models.FluxConfiguration(
            scope="cluster", namespace="cluster-config", source_kind="GitRepository",
            git_repository=config_models.GitRepositoryDefinition(
                url="https://github.com/Azure/gitops-flux2-kustomize-helm-mt",
                repository_ref=config_models.RepositoryRefDefinition(branch="main"),
                https_user="git"),
            kustomizations={
                "infra": config_models.KustomizationDefinition(path="./infrastructure", prune=True),
                "apps": config_models.KustomizationDefinition(path="./apps/staging", prune=True,
                                                              depends_on=["infra"]),
            },
            configuration_protected_settings={"httpsKey": "c2VjcmV0LXRva2Vu"})
        poller = config.flux_configurations.begin_create_or_update(*scope, "cluster-config", flux)
        created = poller.result()
        self.assertEqual(created.provisioning_state, "Succeeded")
        self.assertEqual(created.kustomizations["apps"].depends_on, ["infra"])

        # Flux in the cluster reconciles it: infra, then apps once infra is Ready, then the
        # HelmReleases they apply; the agent reports back to Azure.
        deadline = time.monotonic() + 60
        fetched = config.flux_configurations.get(*scope, "cluster-config")
        while fetched.compliance_state != "Compliant" and time.monotonic() < deadline:
            time.sleep(0.25)
            fetched = config.flux_configurations.get(*scope, "cluster-config")
        self.assertEqual(fetched.compliance_state, "Compliant", fetched.error_message)
        self.assertFalse(fetched.configuration_protected_settings)
        self.assertRegex(fetched.source_synced_commit_id, r"^main@sha1:[0-9a-f]{40}$")
        statuses = {(s.kind, s.name): s for s in fetched.statuses}
        self.assertEqual(statuses[("Kustomization", "cluster-config-apps")].compliance_state, "Compliant")
        self.assertEqual(statuses[("GitRepository", "cluster-config")].status_conditions[0].reason, "Succeeded")
        podinfo = statuses[("HelmRelease", "podinfo")]
        self.assertEqual(podinfo.applied_by.name, "cluster-config-apps")
        self.assertEqual(podinfo.helm_release_properties.last_revision_applied, 1)
        self.assertEqual(podinfo.helm_release_properties.helm_chart_ref.name, "cluster-config-podinfo")
        listed = [c.name for c in config.flux_configurations.list(*scope)]
        self.assertEqual(listed, ["cluster-config"])

        with self.assertRaises(HttpResponseError) as refused:
            bad = config_models.FluxConfiguration(
                source_kind="GitRepository",
                git_repository=config_models.GitRepositoryDefinition(
                    url="https://github.com/Azure/gitops-flux2-kustomize-helm-mt",
                    repository_ref=config_models.RepositoryRefDefinition(branch="main")),
                kustomizations={"apps": config_models.KustomizationDefinition(path="./apps", depends_on=["nope"])})
            config.flux_configurations.begin_create_or_update(*scope, "broken", bad).result()
        self.assertEqual(refused.exception.status_code, 400)
        self.assertIn("nope", str(refused.exception))

        config.flux_configurations.begin_delete(*scope, "cluster-config").result()
        with self.assertRaises(ResourceNotFoundError):
            config.flux_configurations.get(*scope, "cluster-config")

    def test_resource_graph(self):
        graph = ResourceGraphClient(self.credential, base_url=self.cloud["armEndpoint"],
                                    credential_scopes=self.options["credential_scopes"])
        query = ("resources | where type =~ 'microsoft.containerservice/managedclusters' "
                 "or type =~ 'microsoft.kubernetes/connectedclusters' | project name, type, location | order by name asc")
        names = []
        skip_token = None
        pages = 0
        while True:
            page = graph.resources(graph_models.QueryRequest(
                subscriptions=[PROD, DEV], query=query,
                options=graph_models.QueryRequestOptions(top=2, skip_token=skip_token)))
            names += [row["name"] for row in page.data]
            pages += 1
            skip_token = page.skip_token
            if not skip_token:
                break
        self.assertEqual(names, sorted(names))
        self.assertIn("aks-prod-eastus", names)
        self.assertIn("arc-edge-arm64", names)
        self.assertGreater(pages, 1)

        counted = graph.resources(graph_models.QueryRequest(
            subscriptions=[PROD, DEV],
            query="kubernetesconfigurationresources | where type =~ 'microsoft.kubernetesconfiguration/extensions' "
                  "| summarize count() by tostring(properties.extensionType)"))
        self.assertGreaterEqual(counted.total_records, 1)

        with self.assertRaises(HttpResponseError) as refused:
            graph.resources(graph_models.QueryRequest(subscriptions=[PROD], query="resources | join (resources) on id"))
        self.assertEqual(refused.exception.status_code, 400)
        self.assertIn("join", str(refused.exception))


if __name__ == "__main__":
    unittest.main()
