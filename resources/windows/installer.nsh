; BayDesk's installer additions (electron-builder's nsis.include): on the server PC, IT runs the installer as
; administrator with /SERVER, e.g.   "BayDesk Setup 0.2.0.exe" /allusers /SERVER
; and the installer registers and starts the Windows service "BayDesk server" (resources/windows/BayDeskServer.xml).
; Desks install without /SERVER. Uninstalling stops and removes the service; the data in C:\ProgramData\BayDesk stays.
!include "FileFunc.nsh"

!macro customInstall
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/SERVER" $R1
  ${IfNot} ${Errors}
    CreateDirectory "$COMMONPROGRAMDATA\BayDesk"
    nsExec::ExecToLog '"$INSTDIR\resources\windows\BayDeskServer.exe" install'
    nsExec::ExecToLog '"$INSTDIR\resources\windows\BayDeskServer.exe" start'
    ; The desks reach the server on port 5178 (HTTPS only).
    nsExec::ExecToLog 'netsh advfirewall firewall add rule name="BayDesk server" dir=in action=allow protocol=TCP localport=5178'
  ${EndIf}
!macroend

!macro customUnInstall
  IfFileExists "$INSTDIR\resources\windows\BayDeskServer.exe" 0 +3
    nsExec::ExecToLog '"$INSTDIR\resources\windows\BayDeskServer.exe" stop'
    nsExec::ExecToLog '"$INSTDIR\resources\windows\BayDeskServer.exe" uninstall'
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="BayDesk server"'
!macroend
