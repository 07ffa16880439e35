#pragma once

#include "error.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// The Helm chart repositories the sandbox serves without a network: the ones the Azure GitOps
// tutorial installs from, each with a few chart versions, and the manifests those charts render
// (the objects Helm would send to the cluster: services, config, deployments, stateful sets).
namespace Fluxdeck::Sandbox {

struct HelmChartVersion
{
    QString version;
    QString appVersion;
};

struct HelmRepositoryIndex
{
    QString url;                        // as HelmRepository.spec.url names it, without a trailing slash
    QString digest;                     // "sha256:…" of the index, the artifact's revision
    QStringList charts;
    QList<HelmChartVersion> versions(const QString &chart) const;
};

// The repository at url (trailing slashes and the case of the host do not matter), if the
// sandbox has it: https://kubernetes.github.io/ingress-nginx, https://stefanprodan.github.io/podinfo,
// https://charts.bitnami.com/bitnami.
const HelmRepositoryIndex *findHelmRepository(const QString &url);

// Helm's values merge: maps merge key by key, anything else in overrides replaces, a null
// removes the key.
QJsonObject mergeHelmValues(const QJsonObject &defaults, const QJsonObject &overrides);

struct HelmRender
{
    QString chart;
    QString version;
    QString releaseName;
    QString namespaceName;
    QJsonObject values;                 // the release's values, merged over the chart's defaults here
};

// The manifests of one release, in Helm's install order (service accounts, secrets, config
// maps, services, then workloads). Fails, as Helm would, for a chart or version the repository
// does not have.
Domain::Result<QJsonArray> renderHelmChart(const HelmRepositoryIndex &repository, const HelmRender &release);

// The chart's default values (values.yaml), for the chart versions the sandbox has.
QJsonObject helmChartDefaults(const QString &chart, const QString &appVersion);

} // namespace Fluxdeck::Sandbox
