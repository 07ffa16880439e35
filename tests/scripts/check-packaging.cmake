# Installs the build into a scratch prefix, validates the desktop entry and AppStream metadata,
# then builds the .deb and checks its files and its computed dependencies.
#   cmake -DBUILD_DIR=<build> -DWORK_DIR=<scratch> -P check-packaging.cmake

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT result EQUAL 0)
        list(JOIN ARGN " " command)
        message(FATAL_ERROR "'${command}' failed (${result}):\n${out}\n${err}")
    endif()
    set(run_output "${out}${err}" PARENT_SCOPE)
endfunction()

function(require_tool tool package)
    find_program(path ${tool})
    if(NOT path)
        message(FATAL_ERROR "${tool} is missing: install the ${package} package")
    endif()
endfunction()

require_tool(desktop-file-validate desktop-file-utils)
require_tool(appstreamcli appstream)
require_tool(dpkg-deb dpkg)

set(app_id dev.fluxdeck.Fluxdeck)
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

set(prefix "${WORK_DIR}/install/usr")
run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
foreach(file bin/fluxdeck share/applications/${app_id}.desktop share/metainfo/${app_id}.metainfo.xml
             share/icons/hicolor/scalable/apps/${app_id}.svg)
    if(NOT EXISTS "${prefix}/${file}")
        message(FATAL_ERROR "install did not produce ${file}")
    endif()
endforeach()

run(desktop-file-validate "${prefix}/share/applications/${app_id}.desktop")
if(run_output MATCHES "(error|warning):")
    message(FATAL_ERROR "desktop-file-validate:\n${run_output}")
endif()
run(appstreamcli validate --no-net --pedantic "${prefix}/share/metainfo/${app_id}.metainfo.xml")
message(STATUS "appstreamcli: ${run_output}")

run(cpack -G DEB --config "${BUILD_DIR}/CPackConfig.cmake" -B "${WORK_DIR}/deb")
file(GLOB debs "${WORK_DIR}/deb/*.deb")
list(LENGTH debs count)
if(NOT count EQUAL 1)
    message(FATAL_ERROR "cpack made ${count} .deb files, expected 1")
endif()

run(dpkg-deb --contents "${debs}")
set(contents "${run_output}")
foreach(file ./usr/bin/fluxdeck ./usr/share/applications/${app_id}.desktop
             ./usr/share/metainfo/${app_id}.metainfo.xml ./usr/share/icons/hicolor/scalable/apps/${app_id}.svg)
    string(FIND "${contents}" " ${file}\n" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "the .deb lacks ${file}:\n${contents}")
    endif()
endforeach()
if(contents MATCHES "BEGIN [A-Z ]*PRIVATE KEY|\\.key\n")
    message(FATAL_ERROR "the .deb ships a private key")
endif()

run(dpkg-deb --field "${debs}" Package Version Depends)
set(fields "${run_output}")
foreach(dependency libqt6widgets6 libqt6network6 libgit2 libkf6syntaxhighlighting libc6)
    if(NOT fields MATCHES "${dependency}")
        message(FATAL_ERROR "the .deb's Depends lacks ${dependency} (dpkg-shlibdeps):\n${fields}")
    endif()
endforeach()
message(STATUS "packaging: ${debs}\n${fields}")
