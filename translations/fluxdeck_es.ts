<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
<context>
    <name>Fluxdeck::Items::AzureSession</name>
    <message>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>Environment (service principal)</source>
        <translation>Entorno (entidad de servicio)</translation>
    </message>
    <message>
        <source>Azure CLI</source>
        <translation>CLI de Azure</translation>
    </message>
    <message>
        <source>Device code</source>
        <translation>Código de dispositivo</translation>
    </message>
    <message>
        <source>No sign-in method worked:
%1</source>
        <translation>Ningún método de inicio de sesión funcionó:
%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Navegador</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Items::ClusterFacts</name>
    <message>
        <source>AKS</source>
        <translation>AKS</translation>
    </message>
    <message>
        <source>Azure Arc</source>
        <translation>Azure Arc</translation>
    </message>
    <message>
        <source>System-assigned managed identity</source>
        <translation>Identidad administrada asignada por el sistema</translation>
    </message>
    <message>
        <source>User-assigned managed identity</source>
        <translation>Identidad administrada asignada por el usuario</translation>
    </message>
    <message>
        <source>Service principal %1</source>
        <translation>Entidad de servicio %1</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Items::ClusterResourcesModel</name>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Auto-upgrade</source>
        <translation>Actualización automática</translation>
    </message>
    <message>
        <source>Provisioning</source>
        <translation>Aprovisionamiento</translation>
    </message>
    <message>
        <source>Release train</source>
        <translation>Canal de versiones</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>Espacio de nombres</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Cumplimiento</translation>
    </message>
    <message>
        <source>Synced commit</source>
        <translation>Commit sincronizado</translation>
    </message>
    <message>
        <source>Status updated</source>
        <translation>Actualización del estado</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Items::ExplorerLoader</name>
    <message>
        <source>Signing in to %1…</source>
        <translation>Iniciando sesión en %1…</translation>
    </message>
    <message>
        <source>Sign-in to %1 failed. Press Enter to try again.</source>
        <translation>No se pudo iniciar sesión en %1. Pulse Intro para volver a intentarlo.</translation>
    </message>
    <message>
        <source>Loading clusters from %1</source>
        <translation>Cargando los clústeres de %1</translation>
    </message>
    <message>
        <source>Clusters so far: %1</source>
        <translation>Clústeres hasta ahora: %1</translation>
    </message>
    <message>
        <source>Could not load the clusters. Press Enter to try again.</source>
        <translation>No se pudieron cargar los clústeres. Pulse Intro para volver a intentarlo.</translation>
    </message>
    <message>
        <source>Clusters: %1, requests: %2</source>
        <translation>Clústeres: %1, solicitudes: %2</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Items::ExplorerModel</name>
    <message>
        <source>Not signed in to %1</source>
        <translation>Sin sesión iniciada en %1</translation>
    </message>
    <message>
        <source>Fluxdeck is not signed in to %1. Press Enter here, or choose File &gt; Settings, to choose a cloud.</source>
        <translation>Fluxdeck no ha iniciado sesión en %1. Pulse Intro aquí, o elija Archivo &gt; Configuración, para elegir una nube.</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Recursos</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 cluster in %2, Kubernetes %3, %4</source>
        <translation>Clúster de %1 en %2, Kubernetes %3, %4</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Kubernetes</source>
        <translation>Kubernetes</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Nodos</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Items::FleetCluster</name>
    <message>
        <source>Non-Compliant</source>
        <translation>No conforme</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendido</translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation>Conforme</translation>
    </message>
    <message>
        <source>No configuration</source>
        <translation>Sin configuración</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>sin instalar</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Completado</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Con errores</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Creating</source>
        <translation>Creando</translation>
    </message>
    <message>
        <source>Updating</source>
        <translation>Actualizando</translation>
    </message>
    <message>
        <source>Deleting</source>
        <translation>Eliminando</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceptado</translation>
    </message>
    <message>
        <source>Arc</source>
        <translation>Arc</translation>
    </message>
    <message>
        <source>AKS</source>
        <translation>AKS</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Items::FleetModel</name>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Caducado</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Conectando</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En ejecución</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>Stopped: the fleet view was closed.</source>
        <translation>Detenida: se cerró la vista de la flota.</translation>
    </message>
    <message>
        <source>Stopped: the fleet is being read again.</source>
        <translation>Detenida: se está volviendo a leer la flota.</translation>
    </message>
    <message>
        <source>Not signed in: sign in to Azure to see the fleet.</source>
        <translation>Sin sesión iniciada: inicie sesión en Azure para ver la flota.</translation>
    </message>
    <message>
        <source>No subscriptions to read.</source>
        <translation>No hay suscripciones que leer.</translation>
    </message>
    <message>
        <source>Read the fleet from Resource Graph</source>
        <translation>Leer la flota desde Resource Graph</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Clusters read: %1</source>
        <translation>Clústeres leídos: %1</translation>
    </message>
    <message>
        <source>Pages read: %1</source>
        <translation>Páginas leídas: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>cluster kind (distribution)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>unknown version</source>
        <translation>versión desconocida</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>extension version (provisioning state)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Kubernetes %1</source>
        <translation>Kubernetes %1</translation>
    </message>
    <message>
        <source>microsoft.flux %1: %2</source>
        <translation>microsoft.flux %1: %2</translation>
    </message>
    <message>
        <source>microsoft.flux is not installed</source>
        <translation>microsoft.flux no está instalada</translation>
    </message>
    <message>
        <source>Flux configuration %1: %2, %3</source>
        <translation>Configuración de Flux %1: %2, %3</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Clúster</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Suscripción</translation>
    </message>
    <message>
        <source>Resource group</source>
        <translation>Grupo de recursos</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Kubernetes</source>
        <translation>Kubernetes</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Flux extension</source>
        <translation>Extensión de Flux</translation>
    </message>
    <message>
        <source>Configurations</source>
        <translation>Configuraciones</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Cumplimiento</translation>
    </message>
    <message>
        <source>Provisioning</source>
        <translation>Aprovisionamiento</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Items::FleetSummary</name>
    <message>
        <source>no location</source>
        <translation>sin ubicación</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>sin instalar</translation>
    </message>
    <message>
        <source>unknown version</source>
        <translation>versión desconocida</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Cumplimiento</translation>
    </message>
    <message>
        <source>Provisioning</source>
        <translation>Aprovisionamiento</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Suscripción</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Extension version</source>
        <translation>Versión de la extensión</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Items::OperationsModel</name>
    <message>
        <source>Cancelled by the user</source>
        <translation>Cancelada por el usuario</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Completada</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Con errores</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>working…</source>
        <translation>trabajando…</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operación</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Items::PreflightCheck</name>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Superada</translation>
    </message>
    <message>
        <source>To verify</source>
        <translation>Por verificar</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>No superada</translation>
    </message>
    <message>
        <source>Could not check</source>
        <translation>No se pudo comprobar</translation>
    </message>
    <message>
        <source>Resource Manager: the agents register the cluster and report to Azure.</source>
        <translation>Resource Manager: los agentes registran el clúster e informan a Azure.</translation>
    </message>
    <message>
        <source>GitOps data plane: the extension and Flux agents fetch their configuration and push status.</source>
        <translation>Plano de datos de GitOps: la extensión y los agentes de Flux obtienen su configuración y envían su estado.</translation>
    </message>
    <message>
        <source>Microsoft Entra sign-in: the agents get and renew their tokens.</source>
        <translation>Inicio de sesión de Microsoft Entra: los agentes obtienen y renuevan sus tokens.</translation>
    </message>
    <message>
        <source>Container images of microsoft.flux and the cluster agents.</source>
        <translation>Imágenes de contenedor de microsoft.flux y de los agentes del clúster.</translation>
    </message>
    <message>
        <source>Arc agents: the cluster&apos;s managed identity certificates.</source>
        <translation>Agentes de Arc: los certificados de la identidad administrada del clúster.</translation>
    </message>
    <message>
        <source>Azure said: %1</source>
        <translation>Respuesta de Azure: %1</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>The cluster&apos;s kubeconfig names no HTTPS API server.</source>
        <translation>El kubeconfig del clúster no indica ningún servidor de API HTTPS.</translation>
    </message>
    <message>
        <source>The cluster&apos;s kubeconfig could not be read.</source>
        <translation>No se pudo leer el kubeconfig del clúster.</translation>
    </message>
    <message>
        <source>the nodes&apos; kubernetes.io/arch labels</source>
        <translation>las etiquetas kubernetes.io/arch de los nodos</translation>
    </message>
    <message>
        <source>the node pools&apos; VM sizes</source>
        <translation>los tamaños de máquina virtual de los grupos de nodos</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Items::PreflightDoctor</name>
    <message>
        <source>Resource provider %1 is registered</source>
        <translation>El proveedor de recursos %1 está registrado</translation>
    </message>
    <message>
        <source>The cluster uses a managed identity</source>
        <translation>El clúster usa una identidad administrada</translation>
    </message>
    <message>
        <source>The cluster&apos;s region offers GitOps</source>
        <translation>La región del clúster ofrece GitOps</translation>
    </message>
    <message>
        <source>microsoft.flux is a supported version</source>
        <translation>microsoft.flux tiene una versión admitida</translation>
    </message>
    <message>
        <source>ARM64 nodes have microsoft.flux %1 or later</source>
        <translation>Los nodos ARM64 tienen microsoft.flux %1 o posterior</translation>
    </message>
    <message>
        <source>You may install extensions and write Flux configurations</source>
        <translation>Puede instalar extensiones y escribir configuraciones de Flux</translation>
    </message>
    <message>
        <source>The cluster&apos;s agents can reach Azure</source>
        <translation>Los agentes del clúster pueden conectarse a Azure</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Sign in to Azure to run the checks.</source>
        <translation>Inicie sesión en Azure para ejecutar las comprobaciones.</translation>
    </message>
    <message>
        <source>The cluster&apos;s resource lists no node pools.</source>
        <translation>El recurso del clúster no enumera ningún grupo de nodos.</translation>
    </message>
    <message>
        <source>The cluster&apos;s kubeconfig carries no token Fluxdeck can use.</source>
        <translation>El kubeconfig del clúster no contiene ningún token que Fluxdeck pueda usar.</translation>
    </message>
    <message>
        <source>The cluster&apos;s kubeconfig signs in through %1, which Fluxdeck does not run.</source>
        <translation>El kubeconfig del clúster inicia sesión mediante %1, que Fluxdeck no ejecuta.</translation>
    </message>
    <message>
        <source>The cluster&apos;s Kubernetes API could not be reached: %1</source>
        <translation>No se pudo conectar con la API de Kubernetes del clúster: %1</translation>
    </message>
    <message>
        <source>The cluster&apos;s Kubernetes API answered HTTP %1: %2</source>
        <translation>La API de Kubernetes del clúster respondió HTTP %1: %2</translation>
    </message>
    <message>
        <source>Azure Arc-enabled Kubernetes clusters are resources of this provider.</source>
        <translation>Los clústeres de Kubernetes habilitados para Azure Arc son recursos de este proveedor.</translation>
    </message>
    <message>
        <source>AKS clusters are resources of this provider.</source>
        <translation>Los clústeres de AKS son recursos de este proveedor.</translation>
    </message>
    <message>
        <source>Cluster extensions such as microsoft.flux, and Flux configurations, are resources of this provider.</source>
        <translation>Las extensiones de clúster, como microsoft.flux, y las configuraciones de Flux son recursos de este proveedor.</translation>
    </message>
    <message>
        <source>Register %1</source>
        <translation>Registrar %1</translation>
    </message>
    <message>
        <source>%1 is registered in the subscription %2. %3</source>
        <translation>%1 está registrado en la suscripción %2. %3</translation>
    </message>
    <message>
        <source>%1 is being registered in the subscription %2. %3 Until it shows Registered, Azure refuses to create its resources there.</source>
        <translation>%1 se está registrando en la suscripción %2. %3 Hasta que muestre Registered, Azure se niega a crear allí sus recursos.</translation>
    </message>
    <message>
        <source>Wait until %1 is registered</source>
        <translation>Esperar a que %1 esté registrado</translation>
    </message>
    <message>
        <source>%1 is not registered in the subscription %2 (its state is %3), so Azure refuses to create its resources there. %4 Registering it takes a few minutes and needs permission to register resource providers in the subscription.</source>
        <translation>%1 no está registrado en la suscripción %2 (su estado es %3), por lo que Azure se niega a crear allí sus recursos. %4 Registrarlo tarda unos minutos y requiere permiso para registrar proveedores de recursos en la suscripción.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>Not needed here: this requirement applies to AKS clusters, where microsoft.flux fails on clusters that use a service principal. Azure Arc-enabled clusters use the identity of their Arc agents.</source>
        <translation>No es necesario aquí: este requisito se aplica a los clústeres de AKS, donde microsoft.flux falla en los clústeres que usan una entidad de servicio. Los clústeres habilitados para Azure Arc usan la identidad de sus agentes de Arc.</translation>
    </message>
    <message>
        <source>The cluster uses a managed identity (%1), as microsoft.flux requires on AKS.</source>
        <translation>El clúster usa una identidad administrada (%1), como requiere microsoft.flux en AKS.</translation>
    </message>
    <message>
        <source>The cluster uses the service principal %1 instead of a managed identity. The microsoft.flux extension does not work on AKS clusters with a service principal: installing it fails. Fluxdeck does not change a cluster&apos;s identity for you, because it affects the whole cluster; run the az command when you are ready.</source>
        <translation>El clúster usa la entidad de servicio %1 en lugar de una identidad administrada. La extensión microsoft.flux no funciona en clústeres de AKS con una entidad de servicio: su instalación falla. Fluxdeck no cambia la identidad de un clúster por usted, porque afecta a todo el clúster; ejecute el comando az cuando lo considere oportuno.</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <source>Azure did not list where %1 offers Flux configurations.</source>
        <translation>Azure no indicó dónde ofrece %1 configuraciones de Flux.</translation>
    </message>
    <message>
        <source>The GitOps service (Flux configurations and cluster extensions) runs in %1, the cluster&apos;s region.</source>
        <translation>El servicio de GitOps (configuraciones de Flux y extensiones de clúster) se ejecuta en %1, la región del clúster.</translation>
    </message>
    <message>
        <source>The GitOps service does not run in %1, the cluster&apos;s region: Azure refuses microsoft.flux and Flux configurations there. Fluxdeck cannot fix this; the cluster would have to be connected to Azure, or created, in a region that offers GitOps: %2.</source>
        <translation>El servicio de GitOps no se ejecuta en %1, la región del clúster: Azure rechaza allí microsoft.flux y las configuraciones de Flux. Fluxdeck no puede corregirlo; habría que conectar el clúster a Azure, o crearlo, en una región que ofrezca GitOps: %2.</translation>
    </message>
    <message>
        <source>Update microsoft.flux to %1</source>
        <translation>Actualizar microsoft.flux a %1</translation>
    </message>
    <message>
        <source>microsoft.flux is not installed on this cluster yet. Installing it without a version gets the latest, %1, which is supported.</source>
        <translation>microsoft.flux aún no está instalada en este clúster. Si se instala sin indicar versión, se obtiene la más reciente, %1, que es una versión admitida.</translation>
    </message>
    <message>
        <source>Azure does not say which microsoft.flux version runs on this cluster.</source>
        <translation>Azure no indica qué versión de microsoft.flux se ejecuta en este clúster.</translation>
    </message>
    <message>
        <source>microsoft.flux %1 is installed, within the supported versions (%2).</source>
        <translation>microsoft.flux %1 está instalada, dentro de las versiones admitidas (%2).</translation>
    </message>
    <message>
        <source>A newer version, %1, is available.</source>
        <translation>Hay disponible una versión más reciente, %1.</translation>
    </message>
    <message>
        <source>microsoft.flux %1 is outside the supported window: Microsoft supports the latest minor version and the two before it (%2). Older versions get no fixes, and problems with them are not supported. Update it to %3.</source>
        <translation>microsoft.flux %1 está fuera del período de soporte: Microsoft admite la última versión secundaria y las dos anteriores (%2). Las versiones más antiguas no reciben correcciones y sus problemas no tienen soporte. Actualícela a %3.</translation>
    </message>
    <message>
        <source>Automatic minor upgrades are on, yet the cluster still runs this version: check that its agents are connected.</source>
        <translation>Las actualizaciones automáticas de versión secundaria están activadas, pero el clúster sigue ejecutando esta versión: compruebe que sus agentes están conectados.</translation>
    </message>
    <message>
        <source>The extension is in the Failed state.</source>
        <translation>La extensión está en el estado Failed.</translation>
    </message>
    <message>
        <source>The extension is in the Failed state. Azure reports: %1</source>
        <translation>La extensión está en el estado Failed. Azure indica: %1</translation>
    </message>
    <message>
        <source>You cannot update it yourself: you lack the permission %1 on this cluster.</source>
        <translation>No puede actualizarla: le falta el permiso %1 en este clúster.</translation>
    </message>
    <message>
        <source>Fluxdeck could not read the architecture of the cluster&apos;s nodes. %1 Check it with: %2</source>
        <translation>Fluxdeck no pudo leer la arquitectura de los nodos del clúster. %1 Compruébela con: %2</translation>
    </message>
    <message>
        <source>The cluster has no ARM64 nodes (%1, read from %2), so the %3 minimum does not apply.</source>
        <translation>El clúster no tiene nodos ARM64 (%1, según %2), así que no se aplica el mínimo %3.</translation>
    </message>
    <message>
        <source>The cluster has ARM64 nodes (%1), but Fluxdeck could not read its extensions. %2</source>
        <translation>El clúster tiene nodos ARM64 (%1), pero Fluxdeck no pudo leer sus extensiones. %2</translation>
    </message>
    <message>
        <source>The cluster has ARM64 nodes (%1, read from %2). microsoft.flux is not installed yet: install %3 or later. Without a version, Azure installs the latest, %4.</source>
        <translation>El clúster tiene nodos ARM64 (%1, según %2). microsoft.flux aún no está instalada: instale %3 o posterior. Si no se indica versión, Azure instala la más reciente, %4.</translation>
    </message>
    <message>
        <source>The cluster has ARM64 nodes (%1), but microsoft.flux %2 predates ARM64 support, which starts with %3: its pods cannot start on those nodes. Update it to %4.</source>
        <translation>El clúster tiene nodos ARM64 (%1), pero microsoft.flux %2 es anterior a la compatibilidad con ARM64, que empieza en %3: sus pods no pueden iniciarse en esos nodos. Actualícela a %4.</translation>
    </message>
    <message>
        <source>The cluster has ARM64 nodes (%1) and microsoft.flux %2, which supports them.</source>
        <translation>El clúster tiene nodos ARM64 (%1) y microsoft.flux %2, que es compatible con ellos.</translation>
    </message>
    <message>
        <source>(version not reported)</source>
        <translation>(versión no indicada)</translation>
    </message>
    <message>
        <source>Your roles on this cluster allow %1 and %2.</source>
        <translation>Sus roles en este clúster permiten %1 y %2.</translation>
    </message>
    <message>
        <source>Your roles on this cluster do not allow %1. Without it you can look at GitOps here but not change it. Only someone who may assign roles on the cluster (an Owner or User Access Administrator of the cluster, its resource group or its subscription) can grant it, for example with a Contributor role assignment at the cluster&apos;s scope, or a custom role that includes the missing actions. Fluxdeck cannot fix this for you.</source>
        <translation>Sus roles en este clúster no permiten %1. Sin ese permiso puede consultar GitOps aquí, pero no cambiarlo. Solo quien pueda asignar roles en el clúster (un Owner o User Access Administrator del clúster, de su grupo de recursos o de su suscripción) puede concederlo, por ejemplo con una asignación del rol Contributor en el ámbito del clúster o con un rol personalizado que incluya las acciones que faltan. Fluxdeck no puede corregir esto por usted.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
    <message>
        <source>Fluxdeck cannot test the cluster&apos;s network from your desktop. Make sure the cluster&apos;s nodes can reach these addresses over HTTPS (port 443), through any firewall or proxy:</source>
        <translation>Fluxdeck no puede probar la red del clúster desde su escritorio. Asegúrese de que los nodos del clúster pueden conectarse a estas direcciones por HTTPS (puerto 443), a través de cualquier firewall o proxy:</translation>
    </message>
    <message>
        <source>Flux also needs the hosts of the Git repositories, Helm repositories and buckets your Flux configurations use.</source>
        <translation>Flux también necesita los hosts de los repositorios Git, los repositorios Helm y los buckets que usan sus configuraciones de Flux.</translation>
    </message>
    <message>
        <source>Cancelled. What Azure already accepted goes on there; run the checks again to see it.</source>
        <translation>Cancelada. Lo que Azure ya aceptó sigue adelante allí; vuelva a ejecutar las comprobaciones para verlo.</translation>
    </message>
    <message>
        <source>Register %1 in subscription %2</source>
        <translation>Registrar %1 en la suscripción %2</translation>
    </message>
    <message>
        <source>%1 is registered.</source>
        <translation>%1 está registrado.</translation>
    </message>
    <message>
        <source>Registering %1: Azure reports %2.</source>
        <translation>Registrando %1: Azure indica %2.</translation>
    </message>
    <message>
        <source>Update microsoft.flux on %1 to %2</source>
        <translation>Actualizar microsoft.flux en %1 a %2</translation>
    </message>
    <message>
        <source>microsoft.flux runs %1.</source>
        <translation>microsoft.flux ejecuta la versión %1.</translation>
    </message>
    <message>
        <source>The cluster&apos;s resource has no id, so there is nothing to check.</source>
        <translation>El recurso del clúster no tiene Id., así que no hay nada que comprobar.</translation>
    </message>
    <message>
        <source>The check was stopped before it finished.</source>
        <translation>La comprobación se detuvo antes de terminar.</translation>
    </message>
    <message>
        <source>Fluxdeck preflight report</source>
        <translation>Informe de comprobaciones previas de Fluxdeck</translation>
    </message>
    <message>
        <source>Cluster: %1</source>
        <translation>Clúster: %1</translation>
    </message>
    <message>
        <source>Resource: %1</source>
        <translation>Recurso: %1</translation>
    </message>
    <message>
        <source>Kind: %1</source>
        <translation>Tipo: %1</translation>
    </message>
    <message>
        <source>Azure Arc-enabled Kubernetes</source>
        <translation>Kubernetes habilitado para Azure Arc</translation>
    </message>
    <message>
        <source>Azure Kubernetes Service (AKS)</source>
        <translation>Azure Kubernetes Service (AKS)</translation>
    </message>
    <message>
        <source>Region: %1</source>
        <translation>Región: %1</translation>
    </message>
    <message>
        <source>Checked: %1</source>
        <translation>Comprobado: %1</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>todavía no</translation>
    </message>
    <message>
        <source>Summary: %1 passed, %2 failed, %3 warnings, %4 to verify, %5 could not be checked</source>
        <translation>Resumen: %1 superadas, %2 no superadas, %3 advertencias, %4 por verificar, %5 no se pudieron comprobar</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Corrección: %1</translation>
    </message>
    <message>
        <source>az: %1</source>
        <translation>az: %1</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Items::PreflightModel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Net</name>
    <message>
        <source>not available</source>
        <translation>no disponible</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Net::ArmError</name>
    <message>
        <source>Fluxdeck knows no api-version for %1.</source>
        <translation>Fluxdeck no conoce ninguna api-version para %1.</translation>
    </message>
    <message>
        <source>the Resource Graph query</source>
        <translation>la consulta de Resource Graph</translation>
    </message>
    <message>
        <source>&apos;%1&apos; (%2)</source>
        <translation>«%1» (%2)</translation>
    </message>
    <message>
        <source>the resource provider %1</source>
        <translation>el proveedor de recursos %1</translation>
    </message>
    <message>
        <source>the list of %1</source>
        <translation>la lista de %1</translation>
    </message>
    <message>
        <source>Fluxdeck could not reach Azure Resource Manager for %1. Check the network connection and proxy, then try again.</source>
        <translation>Fluxdeck no pudo conectar con Azure Resource Manager para %1. Compruebe la conexión de red y el proxy, y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The certificate of Azure Resource Manager could not be verified, so nothing was sent for %1. Check that the system clock is right and that the cloud&apos;s CA certificate is trusted.</source>
        <translation>No se pudo verificar el certificado de Azure Resource Manager, así que no se envió nada para %1. Compruebe que el reloj del sistema está en hora y que el certificado de CA de la nube es de confianza.</translation>
    </message>
    <message>
        <source>Azure Resource Manager did not accept your sign-in for %1, even with a fresh token. Sign in again.</source>
        <translation>Azure Resource Manager no aceptó su inicio de sesión para %1, ni siquiera con un token nuevo. Vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <source>Azure Resource Manager is throttling requests for %1. Wait a moment (Azure asks for %2 s), then try again.</source>
        <translation>Azure Resource Manager está limitando las solicitudes para %1. Espere un momento (Azure pide %2 s) y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Azure Resource Manager is throttling requests for %1. Wait a minute, then try again.</source>
        <translation>Azure Resource Manager está limitando las solicitudes para %1. Espere un minuto y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The subscription is not registered for the resource provider %1, which %2 needs. Register it (az provider register --namespace %1), wait until it shows Registered, then try again.</source>
        <translation>La suscripción no está registrada en el proveedor de recursos %1, que necesita %2. Regístrelo (az provider register --namespace %1), espere a que muestre Registered y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Another operation is running on %1. Wait for it to finish, then try again.</source>
        <translation>Hay otra operación en curso en %1. Espere a que termine y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>%1 was not found. It may have been deleted, or the subscription, resource group or name is wrong.</source>
        <translation>No se encontró %1. Puede que se haya eliminado, o que la suscripción, el grupo de recursos o el nombre sean incorrectos.</translation>
    </message>
    <message>
        <source>You are not allowed to do this on %1: it needs the permission %2. Ask an Owner or User Access Administrator of the subscription for a role that includes it, then sign in again.</source>
        <translation>No tiene permiso para hacer esto en %1: requiere el permiso %2. Pida a un Owner o User Access Administrator de la suscripción un rol que lo incluya y vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <source>Azure Resource Manager refused the request for %1: %2 Correct it and try again.</source>
        <translation>Azure Resource Manager rechazó la solicitud para %1: %2 Corríjala y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Azure reported that the operation on %1 failed: %2</source>
        <translation>Azure informó de que la operación en %1 falló: %2</translation>
    </message>
    <message>
        <source>Azure Resource Manager had an internal error for %1 (HTTP %2). Try again later; if it persists, give Azure support the request id.</source>
        <translation>Azure Resource Manager tuvo un error interno para %1 (HTTP %2). Vuelva a intentarlo más tarde; si persiste, facilite al soporte de Azure el Id. de la solicitud.</translation>
    </message>
    <message>
        <source>Fluxdeck stopped waiting for %1. The operation may still complete in Azure; refresh to see its state.</source>
        <translation>Fluxdeck dejó de esperar a %1. La operación aún puede completarse en Azure; actualice para ver su estado.</translation>
    </message>
    <message>
        <source>The request for %1 was cancelled.</source>
        <translation>Se canceló la solicitud para %1.</translation>
    </message>
    <message>
        <source>The answer from Azure Resource Manager for %1 was cut off. Try again; if it keeps happening, a proxy or an unstable connection may be interrupting it.</source>
        <translation>La respuesta de Azure Resource Manager para %1 llegó cortada. Vuelva a intentarlo; si sigue ocurriendo, puede que un proxy o una conexión inestable la estén interrumpiendo.</translation>
    </message>
    <message>
        <source>Azure pointed to %1, which is not this cloud&apos;s Resource Manager, so Fluxdeck did not send your sign-in there.</source>
        <translation>Azure remitió a %1, que no es el Resource Manager de esta nube, así que Fluxdeck no envió allí su inicio de sesión.</translation>
    </message>
    <message>
        <source>Fluxdeck is not signed in to Azure. Sign in, then try again.</source>
        <translation>Fluxdeck no ha iniciado sesión en Azure. Inicie sesión y vuelva a intentarlo.</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Net::AzureCliCredential</name>
    <message>
        <source>The Azure CLI did not answer within %1 s. Run &apos;az account get-access-token&apos; in a terminal to see what it is waiting for, then try again.</source>
        <translation>La CLI de Azure no respondió en %1 s. Ejecute «az account get-access-token» en un terminal para ver qué está esperando y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Azure CLI</source>
        <translation>CLI de Azure</translation>
    </message>
    <message>
        <source>The Azure CLI (az) was not found on PATH. Install it from https://aka.ms/installazurecli and run &apos;az login&apos;, or choose another sign-in method.</source>
        <translation>No se encontró la CLI de Azure (az) en PATH. Instálela desde https://aka.ms/installazurecli y ejecute «az login», o elija otro método de inicio de sesión.</translation>
    </message>
    <message>
        <source>The Azure CLI at %1 could not be started. Check that it is installed correctly.</source>
        <translation>No se pudo iniciar la CLI de Azure en %1. Compruebe que está instalada correctamente.</translation>
    </message>
    <message>
        <source>The Azure CLI is not signed in. Run &apos;az login&apos; in a terminal, then try again.</source>
        <translation>La CLI de Azure no ha iniciado sesión. Ejecute «az login» en un terminal y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The Azure CLI could not get a token (exit code %1). Run &apos;az account get-access-token&apos; in a terminal to see why.</source>
        <translation>La CLI de Azure no pudo obtener un token (código de salida %1). Ejecute «az account get-access-token» en un terminal para ver por qué.</translation>
    </message>
    <message>
        <source>The Azure CLI printed something other than a token. Update it with &apos;az upgrade&apos; and try again.</source>
        <translation>La CLI de Azure devolvió algo distinto de un token. Actualícela con «az upgrade» y vuelva a intentarlo.</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Net::AzureCloudEndpoints</name>
    <message>
        <source>The %1 endpoint must be an https:// address without query, such as https://management.azure.com; &apos;%2&apos; is not.</source>
        <translation>El punto de conexión de %1 debe ser una dirección https:// sin consulta, como https://management.azure.com; «%2» no lo es.</translation>
    </message>
    <message>
        <source>There is no built-in cloud named &apos;%1&apos;. The built-in clouds are %2; register other clouds with their endpoints.</source>
        <translation>No hay ninguna nube integrada llamada «%1». Las nubes integradas son %2; registre otras nubes con sus puntos de conexión.</translation>
    </message>
    <message>
        <source>A cloud needs a name.</source>
        <translation>Una nube necesita un nombre.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a built-in cloud; choose another name for a custom cloud.</source>
        <translation>«%1» es una nube integrada; elija otro nombre para una nube personalizada.</translation>
    </message>
    <message>
        <source>Resource Manager</source>
        <translation>Resource Manager</translation>
    </message>
    <message>
        <source>Microsoft Entra</source>
        <translation>Microsoft Entra</translation>
    </message>
    <message>
        <source>Resource Graph</source>
        <translation>Resource Graph</translation>
    </message>
    <message>
        <source>The sandbox&apos;s announcement lacks its tenant or client id.</source>
        <translation>El anuncio del entorno de pruebas no incluye su Id. de inquilino o de cliente.</translation>
    </message>
    <message>
        <source>The sandbox&apos;s CA certificate &apos;%1&apos; does not exist.</source>
        <translation>El certificado de CA «%1» del entorno de pruebas no existe.</translation>
    </message>
    <message>
        <source>The CA certificate of cloud &apos;%1&apos; could not be read from %2. Check that the file exists and holds a PEM certificate.</source>
        <translation>No se pudo leer el certificado de CA de la nube «%1» desde %2. Compruebe que el archivo existe y contiene un certificado PEM.</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Net::ClientSecretCredential</name>
    <message>
        <source>service principal %1</source>
        <translation>entidad de servicio %1</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Net::DeviceCodeCredential</name>
    <message>
        <source>device code sign-in</source>
        <translation>inicio de sesión con código de dispositivo</translation>
    </message>
    <message>
        <source>The sign-in code expired before it was used. Start signing in again.</source>
        <translation>El código de inicio de sesión caducó antes de usarse. Vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <source>Signing in was declined in the browser. Start again to sign in with another account.</source>
        <translation>Se rechazó el inicio de sesión en el navegador. Vuelva a empezar para iniciar sesión con otra cuenta.</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Net::EntraClient</name>
    <message>
        <source>The certificate of %1 could not be verified, so Fluxdeck did not send the sign-in there. Check that the system clock is right and that the cloud&apos;s CA certificate is trusted.</source>
        <translation>No se pudo verificar el certificado de %1, así que Fluxdeck no envió allí el inicio de sesión. Compruebe que el reloj del sistema está en hora y que el certificado de CA de la nube es de confianza.</translation>
    </message>
    <message>
        <source>Microsoft Entra ID at %1 could not be reached. Check the network connection and proxy, then try again.</source>
        <translation>No se pudo conectar con Microsoft Entra ID en %1. Compruebe la conexión de red y el proxy, y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Microsoft Entra ID refused the client secret of %1. Use the secret&apos;s value (not its ID) and check that it has not expired.</source>
        <translation>Microsoft Entra ID rechazó el secreto de cliente de %1. Use el valor del secreto (no su Id.) y compruebe que no ha caducado.</translation>
    </message>
    <message>
        <source>Microsoft Entra ID does not know %1 in this tenant. Check the tenant and client ids.</source>
        <translation>Microsoft Entra ID no conoce %1 en este inquilino. Compruebe los Id. de inquilino y de cliente.</translation>
    </message>
    <message>
        <source>Microsoft Entra ID does not know the tenant. Check the tenant id.</source>
        <translation>Microsoft Entra ID no conoce el inquilino. Compruebe el Id. de inquilino.</translation>
    </message>
    <message>
        <source>The saved sign-in of %1 is no longer valid. Sign in again.</source>
        <translation>El inicio de sesión guardado de %1 ya no es válido. Vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <source>Microsoft Entra ID at %1 answered with an error (HTTP %2). Try again later.</source>
        <translation>Microsoft Entra ID en %1 respondió con un error (HTTP %2). Vuelva a intentarlo más tarde.</translation>
    </message>
    <message>
        <source>Microsoft Entra ID refused the sign-in of %1: %2</source>
        <translation>Microsoft Entra ID rechazó el inicio de sesión de %1: %2</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Net::EnvironmentCredential</name>
    <message>
        <source>Signing in from the environment needs AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, and these are not set: %1. Set them before starting Fluxdeck, or choose another sign-in method.</source>
        <translation>Para iniciar sesión desde el entorno se necesitan AZURE_TENANT_ID, AZURE_CLIENT_ID y AZURE_CLIENT_SECRET, y estas variables no están definidas: %1. Defínalas antes de iniciar Fluxdeck o elija otro método de inicio de sesión.</translation>
    </message>
    <message>
        <source>AZURE_AUTHORITY_HOST must be an https:// address; &apos;%1&apos; is not.</source>
        <translation>AZURE_AUTHORITY_HOST debe ser una dirección https://; «%1» no lo es.</translation>
    </message>
    <message>
        <source>service principal %1 (from the environment)</source>
        <translation>entidad de servicio %1 (del entorno)</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Net::InteractiveBrowserCredential</name>
    <message>
        <source>The browser did not come back to Fluxdeck within the time allowed. Start signing in again.</source>
        <translation>El navegador no volvió a Fluxdeck en el tiempo previsto. Vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Navegador</translation>
    </message>
    <message>
        <source>Fluxdeck could not open a local port for the browser to come back to. Sign in with a device code instead.</source>
        <translation>Fluxdeck no pudo abrir un puerto local al que pueda volver el navegador. Inicie sesión con un código de dispositivo.</translation>
    </message>
    <message>
        <source>Fluxdeck has received the answer of this sign-in. You can close this page.</source>
        <translation>Fluxdeck ha recibido la respuesta de este inicio de sesión. Puede cerrar esta página.</translation>
    </message>
    <message>
        <source>The browser came back with an answer that does not belong to this sign-in, so Fluxdeck did not use it. Start signing in again.</source>
        <translation>El navegador volvió con una respuesta que no corresponde a este inicio de sesión, así que Fluxdeck no la usó. Vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <source>Signing in was declined in the browser. Start again to sign in with another account.</source>
        <translation>Se rechazó el inicio de sesión en el navegador. Vuelva a empezar para iniciar sesión con otra cuenta.</translation>
    </message>
    <message>
        <source>Microsoft Entra ID refused the sign-in in the browser: %1</source>
        <translation>Microsoft Entra ID rechazó el inicio de sesión en el navegador: %1</translation>
    </message>
    <message>
        <source>The browser came back without a sign-in code. Start signing in again.</source>
        <translation>El navegador volvió sin un código de inicio de sesión. Vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <source>Microsoft Entra ID did not accept the sign-in the browser brought back. Start signing in again.</source>
        <translation>Microsoft Entra ID no aceptó el inicio de sesión que trajo el navegador. Vuelva a iniciar sesión.</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Net::TokenCredential</name>
    <message>
        <source>Signing in stopped: the sign-in method was changed or closed.</source>
        <translation>Se detuvo el inicio de sesión: el método de inicio de sesión se cambió o se cerró.</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Net::TokenRequest</name>
    <message>
        <source>Signing in was cancelled.</source>
        <translation>Se canceló el inicio de sesión.</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Sandbox::FaultInjector</name>
    <message>
        <source>Fault rule &quot;%1&quot; needs KIND@PATTERN, e.g. throttle@*/fluxConfigurations*.</source>
        <translation>La regla de fallo «%1» necesita TIPO@PATRÓN, p. ej. throttle@*/fluxConfigurations*.</translation>
    </message>
    <message>
        <source>Unknown fault kind &quot;%1&quot; in &quot;%2&quot;: use latency, throttle, error500, error503, reset, truncate or slow.</source>
        <translation>Tipo de fallo «%1» desconocido en «%2»: use latency, throttle, error500, error503, reset, truncate o slow.</translation>
    </message>
    <message>
        <source>The argument of fault rule &quot;%1&quot; must be a whole number, 0 or more.</source>
        <translation>El argumento de la regla de fallo «%1» debe ser un número entero igual o mayor que 0.</translation>
    </message>
    <message>
        <source>The probability in fault rule &quot;%1&quot; must be between 0 and 1.</source>
        <translation>La probabilidad de la regla de fallo «%1» debe estar entre 0 y 1.</translation>
    </message>
    <message>
        <source>Fault rule &quot;%1&quot; has no path pattern.</source>
        <translation>La regla de fallo «%1» no tiene patrón de ruta.</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Sandbox::SandboxServer</name>
    <message>
        <source>Could not create a temporary directory for the sandbox state.</source>
        <translation>No se pudo crear un directorio temporal para el estado del entorno de pruebas.</translation>
    </message>
    <message>
        <source>Could not create the sandbox state directory %1.</source>
        <translation>No se pudo crear el directorio de estado del entorno de pruebas %1.</translation>
    </message>
    <message>
        <source>The sandbox state in %1 is damaged; move it away to start afresh.</source>
        <translation>El estado del entorno de pruebas en %1 está dañado; muévalo a otro sitio para empezar de cero.</translation>
    </message>
    <message>
        <source>The sandbox could not listen on %1:%2.</source>
        <translation>El entorno de pruebas no pudo escuchar en %1:%2.</translation>
    </message>
    <message>
        <source>The sandbox could not serve HTTP on its listener.</source>
        <translation>El entorno de pruebas no pudo servir HTTP en su puerto de escucha.</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Ui::AboutDialog</name>
    <message>
        <source>About Fluxdeck</source>
        <translation>Acerca de Fluxdeck</translation>
    </message>
    <message>
        <source>A desktop console for GitOps with Flux v2 on Azure Arc-enabled Kubernetes and AKS: onboard clusters, tune the microsoft.flux extension, build Flux configurations and watch them reconcile.</source>
        <translation>Una consola de escritorio para GitOps con Flux v2 en Kubernetes habilitado para Azure Arc y AKS: incorpore clústeres, ajuste la extensión microsoft.flux, cree configuraciones de Flux y siga su conciliación.</translation>
    </message>
    <message>
        <source>Free software under the GNU General Public License, version 3 or later.</source>
        <translation>Software libre bajo la Licencia Pública General de GNU, versión 3 o posterior.</translation>
    </message>
    <message>
        <source>&amp;Components in use:</source>
        <translation>&amp;Componentes en uso:</translation>
    </message>
    <message>
        <source>Versions of Fluxdeck and its libraries</source>
        <translation>Versiones de Fluxdeck y de sus bibliotecas</translation>
    </message>
    <message>
        <source>&amp;Copy Versions</source>
        <translation>&amp;Copiar versiones</translation>
    </message>
    <message>
        <source>Copy the versions to the clipboard</source>
        <translation>Copiar las versiones al portapapeles</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Ui::ClusterPage</name>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nombre:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <source>Subscription:</source>
        <translation>Suscripción:</translation>
    </message>
    <message>
        <source>Resource group:</source>
        <translation>Grupo de recursos:</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Ubicación:</translation>
    </message>
    <message>
        <source>Kubernetes version:</source>
        <translation>Versión de Kubernetes:</translation>
    </message>
    <message>
        <source>Distribution:</source>
        <translation>Distribución:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Provisioning:</source>
        <translation>Aprovisionamiento:</translation>
    </message>
    <message>
        <source>Nodes:</source>
        <translation>Nodos:</translation>
    </message>
    <message>
        <source>Identity:</source>
        <translation>Identidad:</translation>
    </message>
    <message>
        <source>Agent version:</source>
        <translation>Versión del agente:</translation>
    </message>
    <message>
        <source>Resource ID:</source>
        <translation>Id. de recurso:</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Información general</translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation>Extensiones</translation>
    </message>
    <message>
        <source>Flux configurations</source>
        <translation>Configuraciones de Flux</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Copy as &amp;az command</source>
        <translation>Copiar como comando a&amp;z</translation>
    </message>
    <message>
        <source>Cop&amp;y ID</source>
        <translation>Copiar &amp;Id.</translation>
    </message>
    <message>
        <source>Refresh the cluster</source>
        <translation>Actualizar el clúster</translation>
    </message>
    <message>
        <source>Copy the az command that shows this cluster</source>
        <translation>Copiar el comando az que muestra este clúster</translation>
    </message>
    <message>
        <source>Copy the resource ID</source>
        <translation>Copiar el Id. de recurso</translation>
    </message>
    <message>
        <source>Resource ID</source>
        <translation>Id. de recurso</translation>
    </message>
    <message>
        <source>Cluster details</source>
        <translation>Detalles del clúster</translation>
    </message>
    <message>
        <source>Cluster status</source>
        <translation>Estado del clúster</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Not reported</source>
        <translation>Sin datos</translation>
    </message>
    <message>
        <source>Managed by AKS</source>
        <translation>Administrada por AKS</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Ui::FleetChart</name>
    <message>
        <source>No clusters to show</source>
        <translation>No hay clústeres que mostrar</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>compliance state: clusters</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 — clusters: %2 (%3)</source>
        <translation>%1 — clústeres: %2 (%3)</translation>
    </message>
    <message>
        <source>Clusters per group: %1</source>
        <translation>Clústeres por grupo: %1</translation>
    </message>
    <message>
        <source>No clusters to show.</source>
        <translation>No hay clústeres que mostrar.</translation>
    </message>
    <message>
        <source>Bar chart, groups: %1. Up and Down choose a bar, Enter shows its clusters in the table, Escape shows every group.</source>
        <translation>Gráfico de barras, grupos: %1. Flecha arriba y Flecha abajo eligen una barra, Intro muestra sus clústeres en la tabla y Esc muestra todos los grupos.</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Ui::FleetView</name>
    <message>
        <source>All states</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>Fil&amp;ter:</source>
        <translation>&amp;Filtro:</translation>
    </message>
    <message>
        <source>Cluster, subscription, resource group, location, version…</source>
        <translation>Clúster, suscripción, grupo de recursos, ubicación, versión…</translation>
    </message>
    <message>
        <source>Filter clusters</source>
        <translation>Filtrar clústeres</translation>
    </message>
    <message>
        <source>Shows the clusters whose name, subscription, resource group, location, kind, versions or states contain every word typed. Press Down to go to the table.</source>
        <translation>Muestra los clústeres cuyo nombre, suscripción, grupo de recursos, ubicación, tipo, versiones o estados contienen todas las palabras escritas. Pulse Flecha abajo para ir a la tabla.</translation>
    </message>
    <message>
        <source>&amp;Group by:</source>
        <translation>A&amp;grupar por:</translation>
    </message>
    <message>
        <source>Group clusters by</source>
        <translation>Agrupar clústeres por</translation>
    </message>
    <message>
        <source>What the chart&apos;s bars stand for</source>
        <translation>Lo que representan las barras del gráfico</translation>
    </message>
    <message>
        <source>Com&amp;pliance:</source>
        <translation>&amp;Cumplimiento:</translation>
    </message>
    <message>
        <source>Compliance state</source>
        <translation>Estado de cumplimiento</translation>
    </message>
    <message>
        <source>Shows only the clusters in this compliance state</source>
        <translation>Muestra solo los clústeres en este estado de cumplimiento</translation>
    </message>
    <message>
        <source>Show &amp;all groups</source>
        <translation>Mostrar &amp;todos los grupos</translation>
    </message>
    <message>
        <source>Show clusters of every group</source>
        <translation>Mostrar los clústeres de todos los grupos</translation>
    </message>
    <message>
        <source>Fleet chart</source>
        <translation>Gráfico de la flota</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>Clústeres</translation>
    </message>
    <message>
        <source>Every cluster with its Flux extension, configurations, compliance and provisioning. Press Enter to open a cluster.</source>
        <translation>Cada clúster con su extensión de Flux, configuraciones, cumplimiento y aprovisionamiento. Pulse Intro para abrir un clúster.</translation>
    </message>
    <message>
        <source>Fleet status</source>
        <translation>Estado de la flota</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Stop reading the fleet</source>
        <translation>Dejar de leer la flota</translation>
    </message>
    <message>
        <source>Read the fleet again</source>
        <translation>Volver a leer la flota</translation>
    </message>
    <message>
        <source>Reading the fleet from Azure Resource Graph…</source>
        <translation>Leyendo la flota desde Azure Resource Graph…</translation>
    </message>
    <message>
        <source>The fleet could not be read: %1</source>
        <translation>No se pudo leer la flota: %1</translation>
    </message>
    <message>
        <source>Clusters shown: %1 of %2</source>
        <translation>Clústeres mostrados: %1 de %2</translation>
    </message>
    <message>
        <source>Resource Graph requests: %1</source>
        <translation>Solicitudes a Resource Graph: %1</translation>
    </message>
    <message>
        <source>Copy as a&amp;z Command</source>
        <translation>Copiar como comando a&amp;z</translation>
    </message>
    <message>
        <source>Copy the az graph query commands that read the fleet</source>
        <translation>Copiar los comandos az graph query que leen la flota</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Ui::MainWindow</name>
    <message>
        <source>Fluxdeck</source>
        <translation>Fluxdeck</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Close Tab</source>
        <translation>&amp;Cerrar pestaña</translation>
    </message>
    <message>
        <source>&amp;Welcome</source>
        <translation>&amp;Bienvenida</translation>
    </message>
    <message>
        <source>Go to &amp;Explorer</source>
        <translation>Ir al &amp;explorador</translation>
    </message>
    <message>
        <source>Go to &amp;Operations</source>
        <translation>Ir a &amp;operaciones</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Pantalla completa</translation>
    </message>
    <message>
        <source>&amp;About Fluxdeck</source>
        <translation>&amp;Acerca de Fluxdeck</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>Explorer</source>
        <translation>Explorador</translation>
    </message>
    <message>
        <source>Show &amp;Explorer</source>
        <translation>Mostrar &amp;explorador</translation>
    </message>
    <message>
        <source>Show &amp;Operations</source>
        <translation>Mostrar &amp;operaciones</translation>
    </message>
    <message>
        <source>Clouds, subscriptions, resource groups and clusters</source>
        <translation>Nubes, suscripciones, grupos de recursos y clústeres</translation>
    </message>
    <message>
        <source>Work area</source>
        <translation>Área de trabajo</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Bienvenida</translation>
    </message>
    <message>
        <source>Current cloud and account</source>
        <translation>Nube y cuenta actuales</translation>
    </message>
    <message>
        <source>Running operations</source>
        <translation>Operaciones en curso</translation>
    </message>
    <message>
        <source>Cloud: %1 · not signed in</source>
        <translation>Nube: %1 · sin sesión iniciada</translation>
    </message>
    <message>
        <source>No operations running</source>
        <translation>No hay operaciones en curso</translation>
    </message>
    <message>
        <source>Operations running: %1</source>
        <translation>Operaciones en curso: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Sign &amp;In</source>
        <translation>&amp;Iniciar sesión</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>Ce&amp;rrar sesión</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>A&amp;brir</translation>
    </message>
    <message>
        <source>Run &amp;Preflight Checks</source>
        <translation>Ejecutar comprobaciones &amp;previas</translation>
    </message>
    <message>
        <source>Copy Resource &amp;ID</source>
        <translation>Copiar &amp;Id. de recurso</translation>
    </message>
    <message>
        <source>Copy as &amp;az Command</source>
        <translation>Copiar como comando a&amp;z</translation>
    </message>
    <message>
        <source>&amp;Filter Explorer</source>
        <translation>&amp;Filtrar explorador</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>Filtrar por nombre</translation>
    </message>
    <message>
        <source>Filter the explorer</source>
        <translation>Filtrar el explorador</translation>
    </message>
    <message>
        <source>Cloud: %1 · signing in…</source>
        <translation>Nube: %1 · iniciando sesión…</translation>
    </message>
    <message>
        <source>Cloud: %1 · sign-in failed</source>
        <translation>Nube: %1 · error al iniciar sesión</translation>
    </message>
    <message>
        <source>Cloud: %1 · signed in with %2 · subscriptions: %3</source>
        <translation>Nube: %1 · sesión iniciada con %2 · suscripciones: %3</translation>
    </message>
    <message>
        <source>Preflight</source>
        <translation>Comprobaciones previas</translation>
    </message>
    <message>
        <source>F&amp;leet View</source>
        <translation>Vista de f&amp;lota</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>Flota</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Ui::OperationsDock</name>
    <message>
        <source>Operations</source>
        <translation>Operaciones</translation>
    </message>
    <message>
        <source>Long-running operations with their progress. Press Delete to cancel the selected one.</source>
        <translation>Operaciones de larga duración con su progreso. Pulse Supr para cancelar la seleccionada.</translation>
    </message>
    <message>
        <source>&amp;Cancel Operation</source>
        <translation>&amp;Cancelar operación</translation>
    </message>
    <message>
        <source>Cancel the selected operation</source>
        <translation>Cancelar la operación seleccionada</translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>&amp;Quitar terminadas</translation>
    </message>
    <message>
        <source>Remove finished operations from the list</source>
        <translation>Quitar de la lista las operaciones terminadas</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Ui::PreflightPage</name>
    <message>
        <source>Checks finished at %1.</source>
        <translation>Comprobaciones terminadas a las %1.</translation>
    </message>
    <message>
        <source>Running the fix: %1…</source>
        <translation>Ejecutando la corrección: %1…</translation>
    </message>
    <message>
        <source>Fix in progress: Azure reports %1.</source>
        <translation>Corrección en curso: Azure indica %1.</translation>
    </message>
    <message>
        <source>Fix done: %1</source>
        <translation>Corrección terminada: %1</translation>
    </message>
    <message>
        <source>The fix did not finish: %1</source>
        <translation>La corrección no terminó: %1</translation>
    </message>
    <message>
        <source>Preflight checks for %1</source>
        <translation>Comprobaciones previas de %1</translation>
    </message>
    <message>
        <source>Preflight checks</source>
        <translation>Comprobaciones previas</translation>
    </message>
    <message>
        <source>Each check with its status. Press Enter to run the selected check&apos;s fix, Ctrl+C to copy its az command, F5 to run the checks again.</source>
        <translation>Cada comprobación con su estado. Pulse Intro para ejecutar la corrección de la comprobación seleccionada, Ctrl+C para copiar su comando az y F5 para volver a ejecutar las comprobaciones.</translation>
    </message>
    <message>
        <source>Explanation of the selected check</source>
        <translation>Explicación de la comprobación seleccionada</translation>
    </message>
    <message>
        <source>&amp;az command:</source>
        <translation>Comando &amp;az:</translation>
    </message>
    <message>
        <source>az command for the selected check</source>
        <translation>Comando az de la comprobación seleccionada</translation>
    </message>
    <message>
        <source>&amp;Fix</source>
        <translation>Co&amp;rregir</translation>
    </message>
    <message>
        <source>Run the one-click fix of the selected check</source>
        <translation>Ejecutar la corrección con un clic de la comprobación seleccionada</translation>
    </message>
    <message>
        <source>Copy as a&amp;z Command</source>
        <translation>Copiar como comando a&amp;z</translation>
    </message>
    <message>
        <source>Copy the selected check&apos;s az command</source>
        <translation>Copiar el comando az de la comprobación seleccionada</translation>
    </message>
    <message>
        <source>&amp;Run Again</source>
        <translation>&amp;Volver a ejecutar</translation>
    </message>
    <message>
        <source>Run every check again</source>
        <translation>Volver a ejecutar todas las comprobaciones</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <source>Export the report as a text file</source>
        <translation>Exportar el informe como archivo de texto</translation>
    </message>
    <message>
        <source>Copy Re&amp;port</source>
        <translation>Copiar &amp;informe</translation>
    </message>
    <message>
        <source>Copy the report to the clipboard</source>
        <translation>Copiar el informe al portapapeles</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Cancel the running checks and fixes</source>
        <translation>Cancelar las comprobaciones y correcciones en curso</translation>
    </message>
    <message>
        <source>Checks in progress</source>
        <translation>Comprobaciones en curso</translation>
    </message>
    <message>
        <source>Preflight status</source>
        <translation>Estado de las comprobaciones previas</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Estado: %1</translation>
    </message>
    <message>
        <source>Fix running: %1</source>
        <translation>Corrección en curso: %1</translation>
    </message>
    <message>
        <source>One-click fix: %1</source>
        <translation>Corrección con un clic: %1</translation>
    </message>
    <message>
        <source>Fix not available to you: %1</source>
        <translation>Corrección no disponible para usted: %1</translation>
    </message>
    <message>
        <source>No one-click fix for this check.</source>
        <translation>Esta comprobación no tiene corrección con un clic.</translation>
    </message>
    <message>
        <source>%1 passed, %2 failed, %3 warnings, %4 to verify, %5 not checked</source>
        <translation>%1 superadas, %2 no superadas, %3 advertencias, %4 por verificar, %5 sin comprobar</translation>
    </message>
    <message>
        <source>The selected check has no one-click fix.</source>
        <translation>La comprobación seleccionada no tiene corrección con un clic.</translation>
    </message>
    <message>
        <source>The fix could not start.</source>
        <translation>No se pudo iniciar la corrección.</translation>
    </message>
    <message>
        <source>The selected check has no az command.</source>
        <translation>La comprobación seleccionada no tiene comando az.</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>Copiado: %1</translation>
    </message>
    <message>
        <source>The report is on the clipboard.</source>
        <translation>El informe está en el portapapeles.</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Comprobando %1…</translation>
    </message>
    <message>
        <source>preflight-%1.txt</source>
        <translation>comprobaciones-previas-%1.txt</translation>
    </message>
    <message>
        <source>Export Preflight Report</source>
        <translation>Exportar el informe de comprobaciones previas</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Archivos de texto (*.txt)</translation>
    </message>
    <message>
        <source>Report saved to %1.</source>
        <translation>Informe guardado en %1.</translation>
    </message>
    <message>
        <source>The report could not be saved to %1: %2</source>
        <translation>No se pudo guardar el informe en %1: %2</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <source>&amp;Cloud:</source>
        <translation>&amp;Nube:</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>Follow system</source>
        <translation>Según el sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Sandbox (local cloud, no Azure account needed)</source>
        <translation>Entorno de pruebas (nube local, sin cuenta de Azure)</translation>
    </message>
    <message>
        <source>Azure (AzureCloud)</source>
        <translation>Azure (AzureCloud)</translation>
    </message>
    <message>
        <source>Azure US Government (AzureUSGovernment)</source>
        <translation>Azure Government de EE. UU. (AzureUSGovernment)</translation>
    </message>
    <message>
        <source>Azure operated by 21Vianet (AzureChinaCloud)</source>
        <translation>Azure operado por 21Vianet (AzureChinaCloud)</translation>
    </message>
    <message>
        <source>The explorer lists the subscriptions and clusters of this cloud once you sign in to it.</source>
        <translation>El explorador muestra las suscripciones y los clústeres de esta nube una vez que inicie sesión en ella.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation>Nube</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Guardar la configuración</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Descartar los cambios</translation>
    </message>
    <message>
        <source>&amp;Sign in with:</source>
        <translation>Iniciar &amp;sesión con:</translation>
    </message>
    <message>
        <source>Service principal from AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET</source>
        <translation>Entidad de servicio desde AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET</translation>
    </message>
    <message>
        <source>Azure CLI (az login)</source>
        <translation>CLI de Azure (az login)</translation>
    </message>
    <message>
        <source>Device code (a code to enter in a browser)</source>
        <translation>Código de dispositivo (un código que se introduce en un navegador)</translation>
    </message>
    <message>
        <source>Sign-in method</source>
        <translation>Método de inicio de sesión</translation>
    </message>
    <message>
        <source>Automatic (environment, then Azure CLI, then the browser)</source>
        <translation>Automático (entorno, luego la CLI de Azure y luego el navegador)</translation>
    </message>
    <message>
        <source>Browser (the cloud&apos;s sign-in page)</source>
        <translation>Navegador (la página de inicio de sesión de la nube)</translation>
    </message>
    <message>
        <source>The sandbox always signs in as its own service principal. Access tokens stay in memory; a browser or device code sign-in is remembered in the system keychain until you sign out.</source>
        <translation>El entorno de pruebas siempre inicia sesión con su propia entidad de servicio. Los tokens de acceso se quedan en memoria; un inicio de sesión con el navegador o con código de dispositivo se recuerda en el llavero del sistema hasta que cierre la sesión.</translation>
    </message>
    <message>
        <source>Custom cloud (like az cloud register)</source>
        <translation>Nube personalizada (como az cloud register)</translation>
    </message>
    <message>
        <source>Custom cloud</source>
        <translation>Nube personalizada</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>N&amp;ombre:</translation>
    </message>
    <message>
        <source>&amp;Resource Manager:</source>
        <translation>&amp;Resource Manager:</translation>
    </message>
    <message>
        <source>Sign-in &amp;authority:</source>
        <translation>&amp;Autoridad de inicio de sesión:</translation>
    </message>
    <message>
        <source>Token a&amp;udience:</source>
        <translation>A&amp;udiencia del token:</translation>
    </message>
    <message>
        <source>The Resource Manager address</source>
        <translation>La dirección de Resource Manager</translation>
    </message>
    <message>
        <source>Custom cloud name</source>
        <translation>Nombre de la nube personalizada</translation>
    </message>
    <message>
        <source>Custom cloud Resource Manager address</source>
        <translation>Dirección de Resource Manager de la nube personalizada</translation>
    </message>
    <message>
        <source>Custom cloud sign-in authority</source>
        <translation>Autoridad de inicio de sesión de la nube personalizada</translation>
    </message>
    <message>
        <source>Custom cloud token audience</source>
        <translation>Audiencia del token de la nube personalizada</translation>
    </message>
    <message>
        <source>Custom cloud error</source>
        <translation>Error de la nube personalizada</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Ui::SignInDialog</name>
    <message>
        <source>Sign in to %1</source>
        <translation>Iniciar sesión en %1</translation>
    </message>
    <message>
        <source>To sign in, open the page below in a browser on any device and enter this code. Fluxdeck waits here until you have signed in.</source>
        <translation>Para iniciar sesión, abra la página siguiente en un navegador de cualquier dispositivo e introduzca este código. Fluxdeck esperará aquí hasta que haya iniciado sesión.</translation>
    </message>
    <message>
        <source>&amp;Copy code</source>
        <translation>&amp;Copiar código</translation>
    </message>
    <message>
        <source>&amp;Open sign-in page</source>
        <translation>&amp;Abrir página de inicio de sesión</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Device code</source>
        <translation>Código de dispositivo</translation>
    </message>
    <message>
        <source>Copy the device code</source>
        <translation>Copiar el código de dispositivo</translation>
    </message>
    <message>
        <source>Open the sign-in page in a browser</source>
        <translation>Abrir la página de inicio de sesión en un navegador</translation>
    </message>
    <message>
        <source>Sign-in page</source>
        <translation>Página de inicio de sesión</translation>
    </message>
    <message>
        <source>Waiting for sign-in</source>
        <translation>Esperando el inicio de sesión</translation>
    </message>
    <message>
        <source>Cancel sign-in</source>
        <translation>Cancelar el inicio de sesión</translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation>Error de inicio de sesión</translation>
    </message>
    <message>
        <source>Asking %1 for a code…</source>
        <translation>Solicitando un código a %1…</translation>
    </message>
    <message>
        <source>The code is valid for another %1:%2.</source>
        <translation>El código es válido durante %1:%2 más.</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Ui::WelcomePage</name>
    <message>
        <source>Welcome to Fluxdeck</source>
        <translation>Le damos la bienvenida a Fluxdeck</translation>
    </message>
    <message>
        <source>GitOps with Flux v2 on Azure Arc-enabled Kubernetes and AKS, without juggling the az CLI, the portal, kubectl and YAML by hand.</source>
        <translation>GitOps con Flux v2 en Kubernetes habilitado para Azure Arc y AKS, sin tener que combinar a mano la CLI az, el portal, kubectl y YAML.</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>Primeros pasos</translation>
    </message>
    <message>
        <source>Choose a cloud in &lt;b&gt;File &amp;gt; Settings&lt;/b&gt;: the built-in sandbox needs no Azure account.</source>
        <translation>Elija una nube en &lt;b&gt;Archivo &amp;gt; Configuración&lt;/b&gt;: el entorno de pruebas integrado no necesita cuenta de Azure.</translation>
    </message>
    <message>
        <source>Pick a cluster in the &lt;b&gt;Explorer&lt;/b&gt; to see its extensions and Flux configurations.</source>
        <translation>Seleccione un clúster en el &lt;b&gt;Explorador&lt;/b&gt; para ver sus extensiones y configuraciones de Flux.</translation>
    </message>
    <message>
        <source>Follow long-running work in &lt;b&gt;Operations&lt;/b&gt;, where every operation can be cancelled.</source>
        <translation>Siga el trabajo de larga duración en &lt;b&gt;Operaciones&lt;/b&gt;, donde cada operación se puede cancelar.</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Teclado</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E moves to the Explorer, Ctrl+Shift+O to Operations, Ctrl+W closes a tab and F1 shows this page again.</source>
        <translation>Ctrl+Mayús+E lleva al Explorador, Ctrl+Mayús+O a Operaciones, Ctrl+W cierra una pestaña y F1 vuelve a mostrar esta página.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Fluxdeck: GitOps with Flux v2 on Azure Arc-enabled Kubernetes and AKS.</source>
        <translation>Fluxdeck: GitOps con Flux v2 en Kubernetes habilitado para Azure Arc y AKS.</translation>
    </message>
    <message>
        <source>User interface language: es or en.</source>
        <translation>Idioma de la interfaz: es o en.</translation>
    </message>
    <message>
        <source>Render the main window after startup, save it as a PNG and exit.</source>
        <translation>Dibuja la ventana principal tras el inicio, la guarda como PNG y sale.</translation>
    </message>
    <message>
        <source>Unknown language &quot;%1&quot; for --lang: use es or en.</source>
        <translation>Idioma «%1» desconocido para --lang: use es o en.</translation>
    </message>
    <message>
        <source>Could not write the screenshot to %1.</source>
        <translation>No se pudo escribir la captura en %1.</translation>
    </message>
    <message>
        <source>Start the built-in sandbox cloud (the default while the cloud setting is Sandbox).</source>
        <translation>Inicia la nube de pruebas integrada (lo predeterminado mientras la nube configurada sea Sandbox).</translation>
    </message>
    <message>
        <source>Directory that keeps the sandbox cloud between runs.</source>
        <translation>Directorio que conserva la nube de pruebas entre ejecuciones.</translation>
    </message>
    <message>
        <source>Starting the sandbox cloud</source>
        <translation>Iniciando la nube de pruebas</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>Escuchando en %1</translation>
    </message>
    <message>
        <source>Open the page of this cluster (name or resource ID) once signed in.</source>
        <translation>Abre la página de este clúster (nombre o Id. de recurso) tras iniciar sesión.</translation>
    </message>
    <message>
        <source>When the sandbox creates its cloud, add this many generated clusters (a fleet to try the fleet view on).</source>
        <translation>Al crear el entorno de pruebas su nube, añade este número de clústeres generados (una flota para probar la vista de flota).</translation>
    </message>
    <message>
        <source>With --open, the cluster tab to show: overview, extensions, configurations or preflight; alone, fleet opens the fleet view.</source>
        <translation>Con --open, la pestaña del clúster que se muestra: overview, extensions, configurations o preflight; sola, fleet abre la vista de flota.</translation>
    </message>
    <message>
        <source>Choosing the cloud %1</source>
        <translation>Eligiendo la nube %1</translation>
    </message>
</context>
</TS>
