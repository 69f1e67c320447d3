# Builds StudyApp for Windows (x64): the onedir bundle, a portable .zip and the Inno Setup installer.
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build-windows.ps1
# Needs: Python 3.11+ with .venv set up as in README.md plus the packaging extra
#   (.venv\Scripts\pip install -e ".[packaging]"), and Inno Setup 6 (iscc.exe on PATH or in its default folder).
# Writes: dist\studyapp\ (studyapp.exe for the Start menu, studyapp-cli.exe for the command line),
#         dist\studyapp-<version>-windows-x64-portable.zip, dist\StudyApp-<version>-setup.exe
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path "$PSScriptRoot\..\..")

$python = ".venv\Scripts\python.exe"
if (-not (Test-Path $python)) { throw "No virtual environment at .venv; set it up as README.md says." }
# Asked without an import so nothing reaches stderr (Windows PowerShell 5.1 stops on native stderr).
& $python -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('PyInstaller') is None)"
if ($LASTEXITCODE -ne 0) { throw "PyInstaller is missing; run: $python -m pip install -e "".[packaging]""" }
$version = (& $python -c "import studyapp; print(studyapp.__version__)").Trim()

$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { throw "Inno Setup 6 is missing (https://jrsoftware.org/isinfo.php)." }

$started = Get-Date
Write-Host "== icons"
& $python packaging\render_icons.py build\icons
if ($LASTEXITCODE -ne 0) { throw "Rendering the icons failed." }

Write-Host "== PyInstaller"
if (Test-Path dist\studyapp) { Remove-Item -Recurse -Force dist\studyapp }
& $python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\studyapp.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed." }

Write-Host "== quick check"
$data = Join-Path $env:TEMP ("studyapp-check-" + [guid]::NewGuid())
& dist\studyapp\studyapp-cli.exe --data-dir $data decks --json | Out-Null
if ($LASTEXITCODE -ne 0) { throw "The built program does not run (studyapp-cli decks --json)." }
$env:QT_QPA_PLATFORM = "offscreen"
& dist\studyapp\studyapp-cli.exe --data-dir $data --smoke-test
if ($LASTEXITCODE -ne 0) { throw "The GUI smoke run failed." }
Remove-Item Env:\QT_QPA_PLATFORM
Remove-Item -Recurse -Force $data

Write-Host "== portable zip"
# Unzipped onto a USB stick, it keeps its data beside the program once an empty file named
# studyapp-portable is put next to studyapp.exe (packaging\README.md).
$zip = "dist\studyapp-$version-windows-x64-portable.zip"
if (Test-Path $zip) { Remove-Item $zip }
Compress-Archive -Path dist\studyapp -DestinationPath $zip -CompressionLevel Optimal

Write-Host "== installer"
& $iscc "/DAppVersion=$version" packaging\windows\studyapp.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed." }

$mb = { param($bytes) "{0:N1} MiB" -f ($bytes / 1MB) }
$unpacked = (Get-ChildItem -Recurse -File dist\studyapp | Measure-Object -Sum Length).Sum
Write-Host ""
Write-Host ("== size report (built in {0:N0} s)" -f ((Get-Date) - $started).TotalSeconds)
Write-Host ("unpacked dist\studyapp           " + (& $mb $unpacked))
Write-Host ("$zip  " + (& $mb (Get-Item $zip).Length))
$setup = "dist\StudyApp-$version-setup.exe"
Write-Host ("$setup  " + (& $mb (Get-Item $setup).Length))
