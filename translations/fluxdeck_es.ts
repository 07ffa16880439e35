<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
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
    <name>Fluxdeck::Net</name>
    <message>
        <source>not available</source>
        <translation>no disponible</translation>
    </message>
</context>
<context>
    <name>Fluxdeck::Sandbox::FaultInjector</name>
    <message>
        <source>Fault rule "%1" needs KIND@PATTERN, e.g. throttle@*/fluxConfigurations*.</source>
        <translation>La regla de fallo «%1» necesita TIPO@PATRÓN, p. ej. throttle@*/fluxConfigurations*.</translation>
    </message>
    <message>
        <source>Unknown fault kind "%1" in "%2": use latency, throttle, error500, error503, reset, truncate or slow.</source>
        <translation>Tipo de fallo «%1» desconocido en «%2»: use latency, throttle, error500, error503, reset, truncate o slow.</translation>
    </message>
    <message>
        <source>The argument of fault rule "%1" must be a whole number, 0 or more.</source>
        <translation>El argumento de la regla de fallo «%1» debe ser un número entero igual o mayor que 0.</translation>
    </message>
    <message>
        <source>The probability in fault rule "%1" must be between 0 and 1.</source>
        <translation>La probabilidad de la regla de fallo «%1» debe estar entre 0 y 1.</translation>
    </message>
    <message>
        <source>Fault rule "%1" has no path pattern.</source>
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
        <source>Unknown language "%1" for --lang: use es or en.</source>
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
</context>
</TS>
