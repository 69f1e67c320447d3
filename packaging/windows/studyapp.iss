; Inno Setup 6 script for StudyApp's Windows installer. Run through packaging\windows\build-windows.ps1,
; which builds dist\studyapp first and passes the version:
;   iscc /DAppVersion=0.1.0 packaging\windows\studyapp.iss
; Writes dist\StudyApp-<version>-setup.exe. Paths below are relative to this file.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z studyapp.iss
#endif

[Setup]
AppId={{6C0C6F3A-2B7E-4F4B-9D54-5A1F0E3C9B21}
AppName=StudyApp
AppVersion={#AppVersion}
AppVerName=StudyApp {#AppVersion}
AppPublisher=StudyApp
; Per-user install by default, so a student on a locked-down classroom account can install without an
; administrator; an administrator may choose an install for all users in the dialog.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\StudyApp
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=StudyApp-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\studyapp.ico
UninstallDisplayIcon={app}\studyapp.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\studyapp\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\StudyApp"; Filename: "{app}\studyapp.exe"
Name: "{autodesktop}\StudyApp"; Filename: "{app}\studyapp.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\studyapp.exe"; Description: "{cm:LaunchProgram,StudyApp}"; Flags: nowait postinstall skipifsilent

; The students' data (%LOCALAPPDATA%\StudyApp) is theirs: uninstalling removes the program only.
